import Testing
@testable import Claims

struct ClaimFormTests {
    @Test func aCompleteFormValidates() throws {
        let details = try Fixtures.completeForm.validated(complete: true).get()
        #expect(details.customer.tenantID?.rawValue == "3f2504e0-4f89-11d3-9a0c-0305e82c3301")
        #expect(details.products == [.exchangeOnline, .teams])
        #expect(details.missingForSubmission.isEmpty)
    }

    /// One bad value per row, and the one field it must be reported against.
    @Test(arguments: [
        (ClaimField.tenantID, "not-a-guid", FieldIssue.notAGUID),
        (.tenantID, "3F2504E0-4F89-11D3-9A0C-0305E82C330", .notAGUID),
        (.customerContactEmail, "carla.contoso.com", .notAnEmailAddress),
        (.customerContactEmail, "carla@contoso", .notAnEmailAddress),
        (.partnerContactEmail, "ana @partner.example", .notAnEmailAddress),
        (.customerDomain, "contoso", .notADomainName),
        (.partnerLocationID, "MPN-12", .notAPartnerLocationID),
        (.solutionArea, "azure", .unknownChoice("azure")),
        (.activity, "selling", .unknownChoice("selling")),
        (.subscriptionID, "3F2504E0-4F89-11D3-9A0C-0305E82C3301", .subscriptionNotAllowedForSolutionArea),
        (.subscriptionID, "sub-1", .notAGUID),
        (.name, "", .required),
        (.name, String(repeating: "x", count: 201), .tooLong(maximum: 200)),
    ])
    func oneBadField(field: ClaimField, value: String, issue: FieldIssue) {
        var form = Fixtures.completeForm
        set(field, value, on: &form)
        guard case .failure(let errors) = form.validated(complete: true) else {
            Issue.record("\(field) = \(value) was accepted")
            return
        }
        #expect(errors.issues == [field: issue])
        #expect(errors.messageKeysByField == [field.rawValue: issue.messageKey])
    }

    @Test func productsMustBelongToTheSolutionArea() {
        var form = Fixtures.completeForm
        form.products = [Product.exchangeOnline.rawValue, Product.dynamics365Sales.rawValue]
        #expect(form.validated(complete: true) == .failure(FieldErrors([.products: .productsOutsideSolutionArea([.dynamics365Sales])])))
        form.products = []
        #expect(form.validated(complete: true) == .failure(FieldErrors([.products: .noProducts])))
        form.products = ["exchange_online", "exchange_online"]
        #expect(form.validated(complete: true) == .failure(FieldErrors([.products: .duplicateProducts])))
        form.products = ["minecraft"]
        #expect(form.validated(complete: true) == .failure(FieldErrors([.products: .unknownChoice("minecraft")])))
    }

    @Test func aDraftNeedsOnlyANameButWhatItHasMustBeWellFormed() {
        #expect(throws: Never.self) { try ClaimForm(name: "Just started").validated(complete: false).get() }
        #expect(ClaimForm().validated(complete: false) == .failure(FieldErrors([.name: .required])))
        let sloppy = ClaimForm(name: "x", tenantID: "nope", customerContactEmail: "nope")
        #expect(sloppy.validated(complete: false) == .failure(FieldErrors([.tenantID: .notAGUID, .customerContactEmail: .notAnEmailAddress])))
    }

    @Test func submissionListsEveryMissingField() throws {
        let details = try ClaimForm(name: "Half done", tenantID: Fixtures.tenant).validated(complete: false).get()
        let missing = Set(details.missingForSubmission.issues.keys)
        #expect(missing == Set(ClaimField.allCases).subtracting([.name, .tenantID, .subscriptionID, .customerContactLanguage]))
    }

    @Test func subscriptionIDsAreForBusinessApplications() {
        var form = Fixtures.completeForm
        form.solutionArea = SolutionArea.businessApplications.rawValue
        form.products = [Product.dynamics365Sales.rawValue]
        form.subscriptionID = "{6F9619FF-8B86-D011-B42D-00C04FC964FF}"
        #expect(throws: Never.self) { try form.validated(complete: true).get() }
    }

    private func set(_ field: ClaimField, _ value: String, on form: inout ClaimForm) {
        switch field {
        case .name: form.name = value
        case .partnerLocationID: form.partnerLocationID = value
        case .tenantID: form.tenantID = value
        case .customerDomain: form.customerDomain = value
        case .customerName: form.customerName = value
        case .solutionArea: form.solutionArea = value
        case .products: form.products = [value]
        case .activity: form.activity = value
        case .subscriptionID: form.subscriptionID = value
        case .customerContactName: form.customerContactName = value
        case .customerContactTitle: form.customerContactTitle = value
        case .customerContactEmail: form.customerContactEmail = value
        case .customerContactLanguage: form.customerContactLanguage = value
        case .partnerContactName: form.partnerContactName = value
        case .partnerContactEmail: form.partnerContactEmail = value
        }
    }
}
