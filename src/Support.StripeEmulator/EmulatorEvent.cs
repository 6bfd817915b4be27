namespace Support.StripeEmulator;

/// <summary>An event as the emulator created it; <see cref="Payload"/> is the exact JSON body it delivers.</summary>
public sealed record EmulatorEvent(string Id, string Type, DateTimeOffset Created, string Payload);
