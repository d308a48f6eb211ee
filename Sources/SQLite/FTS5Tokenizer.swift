import CSQLite

/// One of the connection's FTS5 tokenizers (`trigram`, `unicode61`, …), for code that must see text
/// exactly as an FTS5 index sees it: the same case folding, the same tokens, in the same order.
///
/// Like its connection, a tokenizer is used by one thread at a time. Get one from
/// `Connection.fts5Tokenizer(_:)`, which keeps it for the connection's next use.
public final class FTS5Tokenizer {
    private let functions: fts5_tokenizer
    private let instance: OpaquePointer

    fileprivate init(functions: fts5_tokenizer, context: UnsafeMutableRawPointer?, arguments: [String]) throws {
        guard let create = functions.xCreate, functions.xTokenize != nil else {
            throw SQLiteError.misuse("the FTS5 tokenizer has no xCreate or xTokenize")
        }
        var instance: OpaquePointer?
        let cArguments = arguments.map { argument in
            let utf8 = argument.utf8CString
            let copy = UnsafeMutablePointer<CChar>.allocate(capacity: utf8.count)
            utf8.withUnsafeBufferPointer { copy.initialize(from: $0.baseAddress!, count: utf8.count) }
            return copy
        }
        defer { cArguments.forEach { $0.deallocate() } }
        var pointers: [UnsafePointer<CChar>?] = cArguments.map { UnsafePointer($0) }
        let code = pointers.withUnsafeMutableBufferPointer { buffer in
            create(context, buffer.baseAddress, Int32(buffer.count), &instance)
        }
        guard code == SQLITE_OK, let instance else {
            throw SQLiteError(code: code, message: "could not create the FTS5 tokenizer (\(arguments))")
        }
        self.functions = functions
        self.instance = instance
    }

    deinit {
        functions.xDelete?(instance)
    }

    /// Calls `body` with each token of `text` (its bytes, UTF-8), in order, until `body` returns false.
    public func tokenize(_ text: String, _ body: (UnsafeRawBufferPointer) -> Bool) throws {
        var text = text
        try text.withUTF8 { utf8 in
            try withoutActuallyEscaping(body) { body in
                var sink = TokenSink(body: body)
                let code = withUnsafeMutablePointer(to: &sink) { sink in
                    utf8.withMemoryRebound(to: CChar.self) { characters in
                        functions.xTokenize!(instance, sink, FTS5_TOKENIZE_DOCUMENT, characters.baseAddress,
                                             Int32(characters.count), receiveToken)
                    }
                }
                // SQLITE_DONE is how a sink that has seen enough stops the tokenizer.
                guard code == SQLITE_OK || code == SQLITE_DONE else {
                    throw SQLiteError(code: code, message: "the FTS5 tokenizer failed")
                }
            }
        }
    }
}

private struct TokenSink {
    let body: (UnsafeRawBufferPointer) -> Bool
}

private func receiveToken(_ context: UnsafeMutableRawPointer?, _ flags: Int32, _ token: UnsafePointer<CChar>?,
                          _ length: Int32, _ start: Int32, _ end: Int32) -> Int32 {
    let sink = context!.assumingMemoryBound(to: TokenSink.self)
    let bytes = UnsafeRawBufferPointer(start: token, count: Int(length))
    return sink.pointee.body(bytes) ? SQLITE_OK : SQLITE_DONE
}

/// The type name FTS5 gives the pointer it hands out through `SELECT fts5(?)`; static, as SQLite
/// compares it after the bind call has returned.
private let fts5APIPointerType: StaticString = "fts5_api_ptr"

extension Connection {
    /// The FTS5 tokenizer `name`, created with `arguments` as a table's `tokenize = '…'` option
    /// would be (none: its defaults). Kept by the connection, so later calls cost a lookup.
    public func fts5Tokenizer(_ name: String, arguments: [String] = []) throws -> FTS5Tokenizer {
        let key = ([name] + arguments).joined(separator: " ")
        if let tokenizer = tokenizers[key] {
            return tokenizer
        }
        let api = try fts5API()
        var context: UnsafeMutableRawPointer?
        var functions = fts5_tokenizer()
        let code = api.pointee.xFindTokenizer(api, name, &context, &functions)
        guard code == SQLITE_OK else {
            throw SQLiteError(code: code, message: "no FTS5 tokenizer named \(name)")
        }
        let tokenizer = try FTS5Tokenizer(functions: functions, context: context, arguments: arguments)
        tokenizers[key] = tokenizer
        return tokenizer
    }

    /// FTS5's extension API, which FTS5 returns from `SELECT fts5(?)` when the parameter is bound to a
    /// pointer of its type.
    private func fts5API() throws -> UnsafeMutablePointer<fts5_api> {
        guard let handle else {
            throw SQLiteError.misuse("the connection is closed")
        }
        var statement: OpaquePointer?
        let sql = "SELECT fts5(?1)"
        let prepared = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
        guard prepared == SQLITE_OK, let statement else {
            throw SQLiteError(database: handle, code: prepared, sql: sql)
        }
        defer { sqlite3_finalize(statement) }
        var api: UnsafeMutablePointer<fts5_api>?
        let type = UnsafeRawPointer(fts5APIPointerType.utf8Start).assumingMemoryBound(to: CChar.self)
        let code = withUnsafeMutablePointer(to: &api) { api in
            let bound = sqlite3_bind_pointer(statement, 1, api, type, nil)
            return bound == SQLITE_OK ? sqlite3_step(statement) : bound
        }
        guard code == SQLITE_ROW, let api else {
            throw SQLiteError(code: code == SQLITE_ROW ? SQLITE_ERROR : code, message: "this SQLite has no FTS5", sql: sql)
        }
        return api
    }
}
