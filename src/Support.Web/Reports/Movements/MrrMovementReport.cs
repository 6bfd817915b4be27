using System.Text.Json.Serialization;

namespace Support.Web.Reports;

/// <summary>How one supporter's MRR changed in a month (ChartMogul's movements; definitions in docs/reports.md).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MovementKind>))]
public enum MovementKind
{
    New,
    Expansion,
    Contraction,
    VoluntaryChurn,
    InvoluntaryChurn,
    Reactivation,
}

/// <summary>
/// MRR movements, churn, ARPS and lifetime value of a range (<c>/staff/api/movements</c>), and the cohorts of the
/// supporters whose first recurring gift started in it. Money in integer cents of <see cref="Currency"/>; rates 0–1.
/// </summary>
public sealed record MrrMovementReport(
    string Currency,
    string From,
    string To,
    DateTime GeneratedAt,
    IReadOnlyList<MovementMonth> Months,
    double? SupporterChurnRate,
    long ArpsCents,
    long? LifetimeValueCents,
    IReadOnlyList<CohortRow> Cohorts);

/// <summary>
/// One month: MRR at the end of the month before (<see cref="StartMrrCents"/>) and of this one, each movement's cents
/// and supporters (contraction and churn as positive amounts), and the rates. Net = End − Start =
/// new + expansion + reactivation − contraction − voluntary churn − involuntary churn.
/// </summary>
public sealed record MovementMonth(
    string Month,
    long StartMrrCents,
    long EndMrrCents,
    int SupportersAtStart,
    int SupportersAtEnd,
    IReadOnlyList<MovementTotal> Movements,
    long NetCents,
    double? SupporterChurnRate,
    double? GrossMrrChurnRate,
    double? NetMrrChurnRate,
    long ArpsCents,
    long? LifetimeValueCents)
{
    public MovementTotal Of(MovementKind kind) => Movements.Single(m => m.Kind == kind);
}

/// <summary>A movement's total in a month: how many supporters, and the cents (positive; its sign is its kind's).</summary>
public sealed record MovementTotal(MovementKind Kind, int Supporters, long Cents);

/// <summary>
/// Supporters whose first recurring gift in the currency started in <see cref="Month"/>, and for each month since
/// (0 = that month) how many still had MRR at its end and their share; a month not reached yet is null.
/// </summary>
public sealed record CohortRow(string Month, int Supporters, IReadOnlyList<int?> StillGiving, IReadOnlyList<double?> Shares);

/// <summary>One contribution behind a movement (the drill-down and movements.csv): its MRR before and after the month.</summary>
public sealed record MovementRow(string Month, MovementKind Kind, long SupporterId, string? Email, long ContributionId,
    string Frequency, long BeforeCents, long AfterCents, string? EndReason);
