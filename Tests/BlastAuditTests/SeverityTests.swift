import BlastAudit
import Testing

@Test("severities order from low to critical")
func severityOrder() {
    #expect(Severity.allCases.sorted() == [.low, .medium, .high, .critical])
}
