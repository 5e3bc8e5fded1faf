using System.Globalization;
using System.Numerics;
using Hull.Yaml;

namespace Hull.Packaging.Resources.Serialization;

/// <summary>Codecs for scalars: strings, booleans, integers, RFC 3339 timestamps and base64 bytes.</summary>
internal static class ScalarCodecs
{
    public static Codec<string?> String { get; } = new StringCodec();

    public static Codec<bool> Bool { get; } = new BoolCodec();

    public static Codec<bool?> OptionalBool { get; } = new OptionalBoolCodec();

    public static Codec<long?> Int64 { get; } = new Int64Codec();

    public static Codec<int?> Int32 { get; } = new Int32Codec();

    public static Codec<DateTimeOffset?> Timestamp { get; } = new TimestampCodec();

    private sealed class StringCodec : Codec<string?>
    {
        public override string? Read(object? value, ReadContext context, Position at) => value switch
        {
            null => null,
            string s => s,
            long or BigInteger or double or bool =>
                throw context.Error(at, $"expected a string, got {Describe(value)} (quote it: '{YamlEmitter.FormatScalar(value)}')"),
            _ => throw context.Error(at, $"expected a string, got {Describe(value)}"),
        };

        public override object? Write(string? value) => value;

        public override bool IsEmpty(string? value) => string.IsNullOrEmpty(value);
    }

    private sealed class BoolCodec : Codec<bool>
    {
        public override bool Read(object? value, ReadContext context, Position at) => value switch
        {
            null => false,
            bool b => b,
            _ => throw context.Error(at, $"expected true or false, got {Describe(value)}"),
        };

        public override object? Write(bool value) => value;

        public override bool IsEmpty(bool value) => !value;
    }

    // A *bool in Go: false is written, only null is left out.
    private sealed class OptionalBoolCodec : Codec<bool?>
    {
        public override bool? Read(object? value, ReadContext context, Position at) => value switch
        {
            null => null,
            bool b => b,
            _ => throw context.Error(at, $"expected true or false, got {Describe(value)}"),
        };

        public override object? Write(bool? value) => value;
    }

    private sealed class Int64Codec : Codec<long?>
    {
        public override long? Read(object? value, ReadContext context, Position at) => value switch
        {
            null => null,
            long l => l,
            _ => throw context.Error(at, $"expected a 64-bit integer, got {Describe(value)}"),
        };

        public override object? Write(long? value) => value;

        public override bool IsEmpty(long? value) => value is null or 0;
    }

    private sealed class Int32Codec : Codec<int?>
    {
        public override int? Read(object? value, ReadContext context, Position at) => value switch
        {
            null => null,
            long l and >= int.MinValue and <= int.MaxValue => (int)l,
            _ => throw context.Error(at, $"expected a 32-bit integer, got {Describe(value)}"),
        };

        public override object? Write(int? value) => value is null ? null : (long)value.Value;

        public override bool IsEmpty(int? value) => value is null or 0;
    }

    // metav1.Time: RFC 3339 with seconds, written in UTC with a Z, as Kubernetes marshals it.
    private sealed class TimestampCodec : Codec<DateTimeOffset?>
    {
        public override DateTimeOffset? Read(object? value, ReadContext context, Position at) => value switch
        {
            null => null,
            string s when DateTimeOffset.TryParseExact(s, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) => t,
            _ => throw context.Error(at, $"expected an RFC 3339 timestamp such as 2021-05-05T18:57:06Z, got {Describe(value)}"),
        };

        public override object? Write(DateTimeOffset? value) =>
            value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }
}
