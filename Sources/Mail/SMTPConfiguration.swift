/// Where and how `SMTPTransport` delivers.
public struct SMTPConfiguration: Sendable, CustomStringConvertible {
    public var host: String
    public var port: Int
    /// The name sent with EHLO/HELO; servers may check it, so use one that resolves in production.
    public var heloName: String
    /// When set and not empty, the transport authenticates with AUTH PLAIN and fails if the server does not offer it.
    public var username: String?
    public var password: String?
    /// Applies to connecting and to each read and write, not to the whole delivery.
    public var timeout: Duration

    public init(
        host: String,
        port: Int = 25,
        heloName: String = "cpor.localhost",
        username: String? = nil,
        password: String? = nil,
        timeout: Duration = .seconds(30)
    ) {
        self.host = host
        self.port = port
        self.heloName = heloName
        self.username = username
        self.password = password
        self.timeout = timeout
    }

    /// Leaves the password out, so logging the configuration cannot leak it.
    public var description: String {
        let login = username.map { " as \($0)" } ?? ""
        return "SMTP \(host):\(port)\(login), HELO \(heloName), timeout \(timeout)"
    }
}
