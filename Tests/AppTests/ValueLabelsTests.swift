import Claims
import Foundation
import Testing
@testable import App

/// The labels looked up once per language read exactly as the catalog's messages do.
@Suite struct ValueLabelsTests {
    @Test func everyLabelIsTheMessageOfItsKey() throws {
        let catalog = try MessageCatalog.load(directory: TestApp.packageRoot + "/Templates/locales", defaultLocale: "en")
        for locale in ["en", "es"] {
            let l = catalog.localizer(for: locale)
            for state in ClaimState.allCases {
                for sent in [false, true] {
                    for cause in [nil] + AssociationEnd.Cause.allCases.map(Optional.some) {
                        let status = ValueLabels.Status(state: state, sentForIncentiveEvaluation: sent, endCause: cause)
                        #expect(l.labels.statuses[status] == l(Claim.statusMessageKey(state: state, sentForIncentiveEvaluation: sent,
                                                                                       endCause: cause)))
                    }
                }
            }
            #expect(Product.allCases.allSatisfy { l.labels.products[$0] == l($0.messageKey) })
            #expect(SolutionArea.allCases.allSatisfy { l.labels.solutionAreas[$0] == l($0.messageKey) })
            #expect(Activity.allCases.allSatisfy { l.labels.activities[$0] == l($0.messageKey) })
            #expect(DeadlineKind.allCases.allSatisfy { l.labels.deadlineKinds[$0] == l($0.messageKey) })
            #expect(RejectionReason.allCases.allSatisfy { l.labels.rejectionReasons[$0] == l($0.messageKey) })
        }
    }
}
