using System.Globalization;
using System.Numerics;
using Hull.Yaml;

namespace Hull.Images.Output;

/// <summary>
/// YAML as kbld writes it: sigs.k8s.io/yaml marshals through JSON into a generic map, so keys become strings and
/// come out in go-yaml v2's key order, and numbers take the round trip through float64.
/// </summary>
public static class GoYaml
{
    // Integers beyond 2^53 lose digits in float64, exactly as they do in kbld's JSON round trip.
    private const long ExactFloatLimit = 1L << 53;

    /// <summary>go-yaml v2's Marshal of <paramref name="value"/> after the JSON round trip (long lines folded at 80 columns).</summary>
    public static string Emit(object? value) => YamlEmitter.Emit(Normalise(value), YamlEmitOptions.Folded);

    /// <summary>A copy of <paramref name="value"/> as it looks after a JSON round trip: string keys in go-yaml order.</summary>
    public static object? Normalise(object? value)
    {
        switch (value)
        {
            case Map map:
                var byKey = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var item in map.Items)
                {
                    // JSON objects keep the last of duplicate keys.
                    byKey[KeyText(item.Key)] = Normalise(item.Value);
                }
                var keys = byKey.Keys.ToList();
                keys.Sort(GoKeyOrder.Instance);
                return new Map(keys.Select(k => new MapItem(k, byKey[k])));
            case YamlArray array:
                return new YamlArray(array.Items.Select(i => new ArrayItem(Normalise(i.Value))));
            case long l when l > ExactFloatLimit || l < -ExactFloatLimit:
                return Number((double)l);
            case int i:
                return (long)i;
            case BigInteger big:
                return Number((double)big);
            case double d:
                return Number(d);
            case float f:
                return Number(f);
            default:
                return value;
        }
    }

    /// <summary>The text a map key has after the JSON round trip.</summary>
    public static string KeyText(object? key) => key switch
    {
        null => "null",
        string s => s,
        bool b => b ? "true" : "false",
        double d => YamlEmitter.FormatFloat(d),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => key.ToString() ?? "",
    };

    // encoding/json writes integral floats below 1e21 without a fraction, which go-yaml then reads as an integer.
    private static object Number(double d)
    {
        if (!double.IsFinite(d) || Math.Floor(d) != d || Math.Abs(d) >= 1e21 || (d == 0 && double.IsNegative(d)))
        {
            return d;
        }
        return d >= long.MinValue && d < 9.2e18 ? (long)d : new BigInteger(d);
    }
}
