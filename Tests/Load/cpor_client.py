"""A signed-in person talking to `cpor serve` over keep-alive HTTP/1.1, for the crash test and the
soak: a cookie jar, forms, multipart uploads, and the CSRF token and version read from pages."""
import http.client
import random
import re
import urllib.parse

PASSWORD = "demo-password"


class Client:
    """One signed-in person: a cookie jar over keep-alive HTTP/1.1."""

    def __init__(self, port, email):
        self.port = port
        self.cookies = {}
        self.connection = None
        page = self.get("/login")
        self.post_form("/login", [("_csrf", csrf(page)), ("email", email), ("password", PASSWORD)])

    def request(self, method, path, body=None, headers=None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if self.connection is None:
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            data = response.read()
        except Exception:
            self.connection.close()
            self.connection = None
            raise
        # Behind a load balancer that says which node answered (Tests/Nodes), that node.
        self.node = response.getheader("X-Node") or ""
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                cookie = rest.split(";")[0]
                if cookie and "Max-Age=0" not in value:
                    self.cookies[name] = cookie
                else:
                    self.cookies.pop(name, None)
        return response.status, response.getheader("Location") or "", data.decode("utf-8", "replace")

    def get(self, path):
        return self.request("GET", path)[2]

    def post_form(self, path, fields):
        body = urllib.parse.urlencode(fields)
        return self.request("POST", path, body, {"Content-Type": "application/x-www-form-urlencoded"})

    def post_multipart(self, path, fields, files):
        boundary = "----crash" + "%030x" % random.getrandbits(120)
        parts = []
        for name, value in fields:
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
        for name, filename, content_type, data in files:
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                         f'Content-Type: {content_type}\r\n\r\n'.encode() + data + b"\r\n")
        parts.append(f"--{boundary}--\r\n".encode())
        return self.request("POST", path, b"".join(parts), {"Content-Type": f"multipart/form-data; boundary={boundary}"})


def claim_form(n, page, location):
    """The fields of a complete draft, claim number `n` of a run, as the claim form posts them."""
    return [("_csrf", csrf(page)), ("name", f"Write mix claim {n}"), ("partner_location_id", location),
            ("customer_name", f"Customer {n}"), ("customer_domain", f"w{n}.example"),
            ("tenant_id", "%08x-0000-4000-8000-%012x" % (n % 2**32, random.getrandbits(48))),
            ("solution_area", "microsoft_365"), ("products", "teams"), ("activity", "usage_deployment"),
            ("customer_contact_name", "Nora North"), ("customer_contact_title", "CIO"),
            ("customer_contact_email", f"nora@w{n}.example"), ("partner_contact_name", "Ivan Incentives"),
            ("partner_contact_email", "ivan@contoso.example")]


def csrf(page):
    return re.search(r'name="_csrf" value="([^"]+)"', page).group(1)


def version(page):
    found = re.search(r'name="version" value="(\d+)"', page)
    return found.group(1) if found else "1"
