import Storage
import Testing

/// The two dialects' migrations are one list: the same numbers, in order, with the same names.
@Suite struct SchemaStepsTests {
    @Test func bothDialectsHaveTheSameMigrations() {
        #expect(Schema.postgres.map(\.id) == Schema.migrations.map(\.id))
        #expect(Schema.postgres.map(\.name) == Schema.migrations.map(\.name))
        #expect(Schema.postgres.map(\.id) == Array(1...Schema.postgres.count))
    }
}
