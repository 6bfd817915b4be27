namespace Support.StripeEmulator.State;

internal sealed class PaymentMethod
{
    public required string Id { get; init; }
    /// <summary>The test card number; its last four digits are all Stripe shows.</summary>
    public required string CardNumber { get; init; }
    public required DateTimeOffset Created { get; init; }
    public string? CustomerId { get; set; }
    public string? Email { get; init; }
    public string? Name { get; init; }
    public string Last4 => CardNumber[^4..];
}

internal sealed class PaymentIntent
{
    public required string Id { get; init; }
    public required long Amount { get; init; }
    public required string Currency { get; init; }
    public required DateTimeOffset Created { get; init; }
    public required long Sequence { get; init; }
    public string? CustomerId { get; init; }
    public string? Description { get; init; }
    public Dictionary<string, string> Metadata { get; init; } = [];
    /// <summary>requires_payment_method, requires_action, succeeded or canceled.</summary>
    public string Status { get; set; } = "requires_payment_method";
    public DateTimeOffset? CanceledAt { get; set; }
    public string? CancellationReason { get; set; }
    public string? PaymentMethodId { get; set; }
    public string? LatestChargeId { get; set; }
    public PaymentError? LastError { get; set; }
}

/// <summary>Why an attempt failed, as Stripe puts it on the charge and the payment intent's <c>last_payment_error</c>.</summary>
internal sealed record PaymentError(string Code, string? DeclineCode, string Message, string? ChargeId, string? PaymentMethodId);

internal sealed class Charge
{
    public required string Id { get; init; }
    public string? CustomerId { get; init; }
    public required string PaymentIntentId { get; init; }
    public required string PaymentMethodId { get; init; }
    public required long Amount { get; init; }
    public required string Currency { get; init; }
    public required DateTimeOffset Created { get; init; }
    public required long Sequence { get; init; }
    /// <summary>succeeded or failed.</summary>
    public required string Status { get; init; }
    public string? Description { get; init; }
    public PaymentError? Failure { get; init; }
    public string? BalanceTransactionId { get; init; }
    public long AmountRefunded { get; set; }
    public bool Disputed { get; set; }
}

internal sealed class Refund
{
    public required string Id { get; init; }
    public required string ChargeId { get; init; }
    public required string PaymentIntentId { get; init; }
    public string? CustomerId { get; init; }
    public required long Amount { get; init; }
    public required string Currency { get; init; }
    public required DateTimeOffset Created { get; init; }
    public required long Sequence { get; init; }
    public required string BalanceTransactionId { get; init; }
    public string? Reason { get; init; }
    public Dictionary<string, string> Metadata { get; init; } = [];
}

internal sealed class Dispute
{
    public required string Id { get; init; }
    public required string ChargeId { get; init; }
    public required string PaymentIntentId { get; init; }
    public required long Amount { get; init; }
    public required string Currency { get; init; }
    public required DateTimeOffset Created { get; init; }
    public required long Sequence { get; init; }
    public required DateTimeOffset EvidenceDueBy { get; init; }
    public string Reason { get; init; } = "fraudulent";
    /// <summary>needs_response, under_review, won or lost.</summary>
    public string Status { get; set; } = "needs_response";
    public int SubmissionCount { get; set; }
    public List<string> BalanceTransactionIds { get; } = [];
}

/// <summary>A movement of the Stripe balance: a charge (less its fee), a refund, a dispute's withdrawal (with its fee) or reinstatement.</summary>
internal sealed class BalanceTransaction
{
    public required string Id { get; init; }
    public required long Amount { get; init; }
    public required long Fee { get; init; }
    public string? FeeDescription { get; init; }
    public required string Currency { get; init; }
    public required DateTimeOffset Created { get; init; }
    public required long Sequence { get; init; }
    /// <summary>charge, refund or adjustment.</summary>
    public required string Type { get; init; }
    /// <summary>charge, refund, dispute or dispute_reversal.</summary>
    public required string ReportingCategory { get; init; }
    public required string SourceId { get; init; }
    public string? Description { get; init; }
    public long Net => Amount - Fee;
}
