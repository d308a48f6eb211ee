extension ClaimForm {
    /// Longest free-text value accepted; longer input is almost always a paste accident.
    public static let maximumTextLength = 200

    /// Validates every field at once, so the form can show all problems together.
    /// - Parameter complete: require every field a submission needs (true once a claim has been
    ///   submitted, so an edit cannot blank a required field); a draft needs only a name.
    public func validated(complete: Bool) -> Result<ClaimDetails, FieldErrors> {
        validated(complete: complete, against: .notLoaded)
    }

    /// Validates every field, and checks what is filled in and well formed against the tenant
    /// directory (see `TenantDirectory.issues(for:)`), so a domain that is not the tenant's is
    /// reported together with, say, a mistyped e-mail address. A field's own format problem is
    /// reported rather than the directory's finding about it.
    public func validated(complete: Bool, against directory: TenantDirectory) -> Result<ClaimDetails, FieldErrors> {
        var (details, issues) = parsedFields(complete: complete)
        issues.merge(directory.issues(for: details)) { format, _ in format }
        return issues.isEmpty ? .success(details) : .failure(FieldErrors(issues))
    }

    /// Every field parsed, with the problems found: a field with a problem is left empty in the details.
    private func parsedFields(complete: Bool) -> (ClaimDetails, [ClaimField: FieldIssue]) {
        var issues: [ClaimField: FieldIssue] = [:]

        func text(_ field: ClaimField) -> String? {
            let value = self.value(of: field).trimmingWhitespace
            if value.isEmpty {
                if field.isRequiredForDraft || (complete && field.isRequiredForSubmission) { issues[field] = .required }
                return nil
            }
            if value.count > ClaimForm.maximumTextLength {
                issues[field] = .tooLong(maximum: ClaimForm.maximumTextLength)
                return nil
            }
            return value
        }
        func parsed<Value>(_ field: ClaimField, _ issue: FieldIssue, _ parse: (String) -> Value?) -> Value? {
            guard let raw = text(field) else { return nil }
            guard let value = parse(raw) else {
                issues[field] = issue
                return nil
            }
            return value
        }

        let name = text(.name) ?? ""
        let location = parsed(.partnerLocationID, .notAPartnerLocationID, PartnerLocationID.init(parsing:))
        let tenant = parsed(.tenantID, .notAGUID, TenantID.init(parsing:))
        let domain = parsed(.customerDomain, .notADomainName, DomainName.init(parsing:))
        let customerName = text(.customerName) ?? ""
        let area = parsed(.solutionArea, .unknownChoice(self.solutionArea), SolutionArea.init(rawValue:))
        let activity = parsed(.activity, .unknownChoice(self.activity), Activity.init(rawValue:))
        let subscription = parsed(.subscriptionID, .notAGUID, SubscriptionID.init(parsing:))
        let contactName = text(.customerContactName) ?? ""
        let contactTitle = text(.customerContactTitle) ?? ""
        let contactEmail = parsed(.customerContactEmail, .notAnEmailAddress, EmailAddress.init(parsing:))
        let contactLanguage = parsed(.customerContactLanguage, .unknownChoice(self.customerContactLanguage), Self.languageCode)
        let partnerName = text(.partnerContactName) ?? ""
        let partnerEmail = parsed(.partnerContactEmail, .notAnEmailAddress, EmailAddress.init(parsing:))

        let products = validatedProducts(area: area, complete: complete, issues: &issues)

        if subscription != nil, let area, !area.acceptsSubscriptionID {
            issues[.subscriptionID] = .subscriptionNotAllowedForSolutionArea
        }

        let details = ClaimDetails(
            name: name,
            partnerLocationID: location,
            customer: Customer(tenantID: tenant, domain: domain, name: customerName),
            solutionArea: area,
            products: products,
            activity: activity,
            subscriptionID: subscription,
            customerContact: CustomerContact(name: contactName, title: contactTitle, email: contactEmail, language: contactLanguage),
            partnerContact: PartnerContact(name: partnerName, email: partnerEmail)
        )
        return (details, issues)
    }

    private func validatedProducts(area: SolutionArea?, complete: Bool, issues: inout [ClaimField: FieldIssue]) -> [Product] {
        let raw = products.map(\.trimmingWhitespace).filter { !$0.isEmpty }
        if raw.isEmpty {
            if complete { issues[.products] = .noProducts }
            return []
        }
        var products: [Product] = []
        for value in raw {
            guard let product = Product(rawValue: value) else {
                issues[.products] = .unknownChoice(value)
                return []
            }
            products.append(product)
        }
        guard Set(products).count == products.count else {
            issues[.products] = .duplicateProducts
            return []
        }
        if let area {
            let outside = products.filter { $0.solutionArea != area }
            if !outside.isEmpty {
                issues[.products] = .productsOutsideSolutionArea(outside.sorted())
                return []
            }
        } else if issues[.solutionArea] == nil {
            // Products cannot be checked against an area that was not chosen.
            issues[.solutionArea] = .required
        }
        return products.sorted()
    }
}

extension ClaimForm {
    /// A language as a two- or three-letter code ("es", "EN" → "en"): which languages the service
    /// speaks is the catalog's business, so any well-formed code is kept.
    static func languageCode(_ raw: String) -> String? {
        let code = raw.lowercased()
        guard (2...3).contains(code.count), code.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) }) else { return nil }
        return code
    }
}
