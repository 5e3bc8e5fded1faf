using Hull.Packaging.Resources.Serialization;

namespace Hull.Packaging.Resources;

/// <summary>A reconcile condition in a status (types such as <c>ReconcileSucceeded</c>, <c>ReconcileFailed</c>).</summary>
public sealed record Condition
{
    /// <summary>Human-readable details.</summary>
    public string? Message { get; init; }

    /// <summary>Machine-readable reason.</summary>
    public string? Reason { get; init; }

    /// <summary><c>True</c>, <c>False</c> or <c>Unknown</c> (required).</summary>
    public string? Status { get; init; }

    /// <summary>The condition type (required).</summary>
    public string? Type { get; init; }

    internal static ObjectCodec<Condition> Codec { get; } = new ObjectCodec<Condition>(() => new())
        .Field("message", x => x.Message, (x, v) => x with { Message = v }, ScalarCodecs.String)
        .Field("reason", x => x.Reason, (x, v) => x with { Reason = v }, ScalarCodecs.String)
        .Field("status", x => x.Status, (x, v) => x with { Status = v }, ScalarCodecs.String, required: true)
        .Field("type", x => x.Type, (x, v) => x with { Type = v }, ScalarCodecs.String, required: true);
}
