// The system's secret-handling primitives: libcrypt for password hashing and the kernel's
// CSPRNG (getrandom), which the Glibc module does not expose.
#include <crypt.h>
#include <sys/random.h>
