import Foundation
import Testing
@testable import Claims

/// The tenant directory's rule: a claim's domain must be one of its tenant's verified domains, and a
/// Business Applications subscription must be the tenant's, active or in grace, and for a claimed product.
@Suite struct TenantDirectoryTests {
    static let tenant = TenantID(parsing: Fixtures.tenant)!
    static let otherTenant = TenantID(parsing: "9a0c0305-e82c-3301-3f25-04e04f8911d3")!
    static let sales = SubscriptionID(parsing: "11111111-1111-4111-8111-111111111111")!
    static let inGrace = SubscriptionID(parsing: "22222222-2222-4222-8222-222222222222")!
    static let disabled = SubscriptionID(parsing: "33333333-3333-4333-8333-333333333333")!
    static let powerBI = SubscriptionID(parsing: "44444444-4444-4444-8444-444444444444")!
    static let elsewhere = SubscriptionID(parsing: "55555555-5555-4555-8555-555555555555")!
    static let unknown = SubscriptionID(parsing: "66666666-6666-4666-8666-666666666666")!

    static let directory = TenantDirectory(entries: [
        TenantDirectoryEntry(
            tenantID: tenant,
            domains: [DomainName(parsing: "contoso.onmicrosoft.com")!, DomainName(parsing: "contoso.com")!],
            subscriptions: [
                DirectorySubscription(id: sales, product: .dynamics365Sales, status: .active),
                DirectorySubscription(id: inGrace, product: .dynamics365Sales, status: .grace),
                DirectorySubscription(id: disabled, product: .dynamics365Sales, status: .disabled),
                DirectorySubscription(id: powerBI, product: .powerBI, status: .active),
            ]),
        TenantDirectoryEntry(
            tenantID: otherTenant, domains: [DomainName(parsing: "fabrikam.com")!],
            subscriptions: [DirectorySubscription(id: elsewhere, product: .dynamics365Sales, status: .active)]),
    ])

    /// A Business Applications claim for Dynamics 365 Sales on Contoso's tenant.
    static func details(domain: String? = "contoso.com", subscription: SubscriptionID? = sales,
                        products: [Product] = [.dynamics365Sales], tenant: TenantID? = tenant) -> ClaimDetails {
        ClaimDetails(name: "Sales rollout",
                     customer: Customer(tenantID: tenant, domain: domain.flatMap(DomainName.init(parsing:)), name: "Contoso"),
                     solutionArea: .businessApplications, products: products, subscriptionID: subscription)
    }

    @Test(arguments: [
        ("a listed domain and an active subscription", details(), [:]),
        ("the domain in capitals", details(domain: "CONTOSO.COM"), [:]),
        ("the tenant's onmicrosoft.com domain", details(domain: "contoso.onmicrosoft.com"), [:]),
        ("a subscription in grace", details(subscription: inGrace), [:]),
        ("no subscription named", details(subscription: nil), [:]),
        ("a draft without a domain", details(domain: nil, subscription: nil), [:]),
        ("a draft without a tenant", details(domain: "fabrikam.com", subscription: elsewhere, tenant: nil), [:]),
        ("a draft without products: the product waits", details(subscription: powerBI, products: []), [:]),
        ("one of several products", details(subscription: powerBI, products: [.dynamics365Sales, .powerBI]), [:]),
        ("another tenant's domain", details(domain: "fabrikam.com"), [.customerDomain: .domainNotOnTenant(DomainName(parsing: "fabrikam.com")!)]),
        ("a subdomain of a verified domain", details(domain: "sales.contoso.com"),
         [.customerDomain: .domainNotOnTenant(DomainName(parsing: "sales.contoso.com")!)]),
        ("a disabled subscription", details(subscription: disabled), [.subscriptionID: .subscriptionNotAccepted(.disabled)]),
        ("a subscription for another product", details(subscription: powerBI), [.subscriptionID: .subscriptionForOtherProduct(.powerBI)]),
        ("another tenant's subscription", details(subscription: elsewhere), [.subscriptionID: .subscriptionNotOnTenant]),
        ("a subscription the directory does not list", details(subscription: unknown), [.subscriptionID: .subscriptionNotOnTenant]),
        ("both wrong at once", details(domain: "fabrikam.com", subscription: disabled),
         [.customerDomain: .domainNotOnTenant(DomainName(parsing: "fabrikam.com")!), .subscriptionID: .subscriptionNotAccepted(.disabled)]),
        ("a tenant the directory does not list",
         details(subscription: sales, tenant: TenantID(parsing: "00000000-0000-4000-8000-000000000000")!), [.tenantID: .tenantNotInDirectory]),
    ] as [(String, ClaimDetails, [ClaimField: FieldIssue])])
    func theDirectoryFinds(_ row: String, details: ClaimDetails, expected: [ClaimField: FieldIssue]) {
        #expect(Self.directory.issues(for: details) == expected, "\(row)")
    }

    @Test func withoutADirectoryNothingIsChecked() {
        for details in [Self.details(domain: "fabrikam.com", subscription: Self.disabled),
                        Self.details(tenant: TenantID(parsing: "00000000-0000-4000-8000-000000000000")!)] {
            #expect(TenantDirectory.notLoaded.issues(for: details) == [:])
            #expect(TenantDirectory.notLoaded.entry(for: Self.tenant) == nil)
        }
    }

    @Test func onlyActiveAndGraceAcceptClaims() {
        #expect(SubscriptionStatus.allCases.filter(\.acceptsClaims) == [.active, .grace])
    }

    @Test func aDisabledSubscriptionIsReportedBeforeItsProduct() {
        let entry = TenantDirectoryEntry(tenantID: Self.tenant, domains: [DomainName(parsing: "contoso.com")!], subscriptions: [
            DirectorySubscription(id: Self.disabled, product: .powerBI, status: .disabled)])
        #expect(TenantDirectory(entries: [entry]).issues(for: Self.details(subscription: Self.disabled))
            == [.subscriptionID: .subscriptionNotAccepted(.disabled)])
    }

    @Test func issuesCarryWhatTheirMessagesNeed() {
        #expect(FieldIssue.domainNotOnTenant(DomainName(parsing: "fabrikam.com")!).messageArguments == ["domain": "fabrikam.com"])
        #expect(FieldIssue.subscriptionNotAccepted(.disabled).messageArguments == ["status": "subscription_status.disabled"])
        #expect(FieldIssue.subscriptionForOtherProduct(.powerBI).messageArguments == ["product": "product.power_bi"])
        #expect(FieldIssue.subscriptionForOtherProduct(.powerBI).messageKey == "error.field.subscription_for_other_product")
    }
}

/// Where the rule applies in the workflow: creating and saving a draft (together with format
/// problems, which win on their own field), and submitting; not edits after submission.
@Suite struct TenantDirectoryWorkflowTests {
    static let directory = TenantDirectoryTests.directory

    static var salesForm: ClaimForm {
        var form = Fixtures.completeForm
        form.customerDomain = "contoso.com"
        form.solutionArea = SolutionArea.businessApplications.rawValue
        form.products = [Product.dynamics365Sales.rawValue]
        form.subscriptionID = TenantDirectoryTests.sales.rawValue
        return form
    }

    @Test func formatProblemsAndDirectoryFindingsComeTogether() {
        var form = Self.salesForm
        form.customerDomain = "fabrikam.com"
        form.customerContactEmail = "carla at contoso"
        form.subscriptionID = "not-a-guid"
        guard case .failure(let errors) = form.validated(complete: false, against: Self.directory) else {
            Issue.record("accepted")
            return
        }
        #expect(errors.issues == [
            .customerDomain: .domainNotOnTenant(DomainName(parsing: "fabrikam.com")!),
            .customerContactEmail: .notAnEmailAddress,
            .subscriptionID: .notAGUID,
        ])
        #expect(throws: Never.self) { try Self.salesForm.validated(complete: true, against: Self.directory).get() }
        form = Self.salesForm
        form.customerDomain = "fabrikam.com"
        #expect(form.validated(complete: false).map(\.customer.domain) == .success(DomainName(parsing: "fabrikam.com")),
                "without a directory the same form is fine")
    }

    @Test func aDraftIsCheckedWhenCreatedAndOnEverySave() throws {
        var form = Self.salesForm
        form.customerDomain = "fabrikam.com"
        #expect(throws: ClaimError.invalidFields(FieldErrors([.customerDomain: .domainNotOnTenant(DomainName(parsing: "fabrikam.com")!)]))) {
            try Claim.draft(id: ClaimID("C-1"), form: form, by: Fixtures.partner, at: Fixtures.created, directory: Self.directory)
        }
        let draft = try Claim.draft(id: ClaimID("C-1"), form: Self.salesForm, by: Fixtures.partner, at: Fixtures.created,
                                    directory: Self.directory).claim
        var edited = Self.salesForm
        edited.subscriptionID = TenantDirectoryTests.disabled.rawValue
        #expect(throws: ClaimError.invalidFields(FieldErrors([.subscriptionID: .subscriptionNotAccepted(.disabled)]))) {
            try draft.applying(.edit(edited), by: Fixtures.partner, at: Fixtures.now, rules: Fixtures.rules, directory: Self.directory)
        }
        #expect(throws: Never.self) {
            try draft.applying(.edit(edited), by: Fixtures.partner, at: Fixtures.now, rules: Fixtures.rules)
        }
    }

    @Test func submittingIsBlockedWhenTheDirectoryChangedSinceTheDraftWasSaved() throws {
        let draft = Fixtures.apply(
            try Claim.draft(id: ClaimID("C-1"), form: Self.salesForm, by: Fixtures.partner, at: Fixtures.created,
                            directory: Self.directory).claim,
            .addProofOfExecution(Fixtures.upload("poe-1")), by: Fixtures.partner, at: Fixtures.created)
        let reimported = TenantDirectory(entries: [TenantDirectoryEntry(
            tenantID: TenantDirectoryTests.tenant, domains: [DomainName(parsing: "contoso.com")!],
            subscriptions: [DirectorySubscription(id: TenantDirectoryTests.sales, product: .dynamics365Sales, status: .disabled)])])
        let expected = FieldErrors([.subscriptionID: .subscriptionNotAccepted(.disabled)])
        #expect(draft.details.directoryDisagreements(in: reimported) == expected)
        #expect(throws: ClaimError.directoryMismatch(expected)) {
            try draft.applying(.submit, by: Fixtures.partner, at: Fixtures.submitted, rules: Fixtures.rules, directory: reimported)
        }
        #expect(ClaimError.directoryMismatch(expected).fieldErrors == expected)
        let submitted = try draft.applying(.submit, by: Fixtures.partner, at: Fixtures.submitted, rules: Fixtures.rules,
                                           directory: Self.directory).claim
        #expect(submitted.state == .submitted)

        // After submission the reviewer owns the check: removing a product is not held up by it.
        var fewer = ClaimForm(submitted.details)
        fewer.products = [Product.dynamics365Sales.rawValue]
        #expect(throws: Never.self) {
            try submitted.applying(.edit(fewer), by: Fixtures.partner, at: Fixtures.now, rules: Fixtures.rules, directory: reimported)
        }
    }
}

/// The sweep's side: an approved association whose subscription the directory lists as disabled
/// gets a notice and a history entry, once; it goes when the subscription is active again.
@Suite struct ClaimDirectoryNoticeTests {
    static let checked = Fixtures.local("2026-03-20 09:00")

    static func approved() throws -> Claim {
        let draft = Fixtures.apply(
            try Claim.draft(id: ClaimID("C-1"), form: TenantDirectoryWorkflowTests.salesForm, by: Fixtures.partner,
                            at: Fixtures.created).claim,
            .addProofOfExecution(Fixtures.upload("poe-1")), by: Fixtures.partner, at: Fixtures.created)
        let submitted = Fixtures.apply(draft, .submit, by: Fixtures.partner, at: Fixtures.submitted)
        let inReview = Fixtures.apply(submitted, .startReview, by: Fixtures.reviewer, at: Fixtures.reviewStarted)
        return Fixtures.apply(inReview, .approve, by: Fixtures.reviewer, at: Fixtures.decided)
    }

    static func directory(_ status: SubscriptionStatus, subscription: SubscriptionID = TenantDirectoryTests.sales) -> TenantDirectory {
        TenantDirectory(entries: [TenantDirectoryEntry(
            tenantID: TenantDirectoryTests.tenant, domains: [DomainName(parsing: "contoso.com")!],
            subscriptions: [DirectorySubscription(id: subscription, product: .dynamics365Sales, status: status)])])
    }

    @Test func aDisabledSubscriptionIsNotedOnceAndClearedWhenActiveAgain() throws {
        let claim = try Self.approved()
        let noted = try #require(claim.reconciled(with: Self.directory(.disabled), at: Self.checked, rules: Fixtures.rules))
        #expect(noted.claim.state == .approved)
        #expect(noted.claim.version == claim.version + 1)
        #expect(noted.claim.subscriptionNotice == SubscriptionNotice(subscriptionID: TenantDirectoryTests.sales, status: .disabled,
                                                                     checkedAt: Self.checked))
        #expect(noted.history.map(\.event) == [.subscriptionStatus(TenantDirectoryTests.sales, .disabled)])
        #expect(noted.history.map(\.actor) == [.system])
        #expect(noted.emails.isEmpty)
        #expect(noted.claim.reconciled(with: Self.directory(.disabled), at: Self.checked.addingTimeInterval(60), rules: Fixtures.rules) == nil)

        #expect(noted.claim.reconciled(with: Self.directory(.grace), at: Self.checked, rules: Fixtures.rules)?.claim.subscriptionNotice == nil)
        let cleared = try #require(noted.claim.reconciled(with: Self.directory(.active), at: Self.checked, rules: Fixtures.rules))
        #expect(cleared.claim.subscriptionNotice == nil)
        #expect(cleared.history.map(\.event) == [.subscriptionStatus(TenantDirectoryTests.sales, .active)])
        #expect(cleared.claim.reconciled(with: Self.directory(.active), at: Self.checked, rules: Fixtures.rules) == nil)
    }

    @Test func nothingIsNotedWithoutAListingOrOutsideApproval() throws {
        let claim = try Self.approved()
        #expect(claim.reconciled(with: .notLoaded, at: Self.checked, rules: Fixtures.rules) == nil)
        #expect(claim.reconciled(with: Self.directory(.active), at: Self.checked, rules: Fixtures.rules) == nil)
        #expect(claim.reconciled(with: Self.directory(.disabled, subscription: TenantDirectoryTests.unknown), at: Self.checked,
                                 rules: Fixtures.rules) == nil, "a subscription the directory does not list says nothing")
        #expect(claim.reconciled(with: TenantDirectory(entries: []), at: Self.checked, rules: Fixtures.rules) == nil)
        let withdrawn = Fixtures.apply(claim, .disassociate(reason: "Ended"), by: Fixtures.partner, at: Fixtures.now)
        #expect(withdrawn.reconciled(with: Self.directory(.disabled), at: Self.checked, rules: Fixtures.rules) == nil)
    }

    @Test func theNoticeSurvivesStorageAsJSON() throws {
        let noted = try #require(try Self.approved().reconciled(with: Self.directory(.disabled), at: Self.checked, rules: Fixtures.rules))
        let decoded = try JSONDecoder().decode(Claim.self, from: try JSONEncoder().encode(noted.claim))
        #expect(decoded == noted.claim)
        let entry = try JSONDecoder().decode(HistoryEntry.self, from: try JSONEncoder().encode(noted.history[0]))
        #expect(entry == noted.history[0])
        #expect(entry.messageKey == "history.directory")
        #expect(entry.messageArguments == ["subscription": TenantDirectoryTests.sales.rawValue, "status": "subscription_status.disabled"])
    }
}
