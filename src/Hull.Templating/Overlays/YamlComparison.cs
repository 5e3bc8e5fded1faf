using System.Numerics;
using Hull.Templating.Values;
using Hull.Yaml;

namespace Hull.Templating.Overlays;

/// <summary>Structural comparison of YAML values: containment (overlay.subset) and equality (overlay/assert without via).</summary>
public static class YamlComparison
{
    /// <summary>Whether <paramref name="left"/> contains <paramref name="expected"/>: every expected map key present with a contained value, expected array items contained item by item, scalars equal.</summary>
    /// <remarks>Walks only what <paramref name="expected"/> names, so a document ruled out by a top-level key costs one key lookup.</remarks>
    public static bool Contains(object? left, object? expected) => Contains(left, expected, 1);

    private static bool Contains(object? left, object? expected, int depth)
    {
        switch (expected)
        {
            case Map em:
                {
                    if (left is not Map lm) return false;
                    WalkDepth.Check(depth, "compare");
                    foreach (var item in em.Items)
                    {
                        var found = lm.Find(item.Key);
                        if (found is null || !Contains(found.Value, item.Value, depth + 1)) return false;
                    }
                    return true;
                }
            case YamlArray ea:
                {
                    if (left is not YamlArray la || la.Items.Count < ea.Items.Count) return false;
                    WalkDepth.Check(depth, "compare");
                    for (int i = 0; i < ea.Items.Count; i++)
                    {
                        if (!Contains(la.Items[i].Value, ea.Items[i].Value, depth + 1)) return false;
                    }
                    return true;
                }
            case Node:
                return false;
            default:
                return left is not Node && ScalarEquals(left, expected);
        }
    }

    /// <summary>Null when the values are equal, else why not (ytt's texts).</summary>
    public static string? Difference(object? left, object? right) => Difference(left, right, 1);

    private static string? Difference(object? left, object? right, int depth)
    {
        if (left is Map or YamlArray) WalkDepth.Check(depth, "compare");
        switch (left)
        {
            case Map lm:
                {
                    if (right is not Map rm) return $"Expected leaf values to match {GoType(left)} {GoType(right)}";
                    if (lm.Items.Count != rm.Items.Count) return "Expected map items to match";
                    foreach (var item in rm.Items)
                    {
                        var found = lm.Find(item.Key);
                        if (found is null) return "Expected map items to match";
                        if (Difference(found.Value, item.Value, depth + 1) is { } why) return why;
                    }
                    return null;
                }
            case YamlArray la:
                {
                    if (right is not YamlArray ra) return $"Expected leaf values to match {GoType(left)} {GoType(right)}";
                    if (la.Items.Count != ra.Items.Count) return "Expected array items to match";
                    for (int i = 0; i < la.Items.Count; i++)
                    {
                        if (Difference(la.Items[i].Value, ra.Items[i].Value, depth + 1) is { } why) return why;
                    }
                    return null;
                }
            default:
                return right is not Node && ScalarEquals(left, right) ? null : $"Expected leaf values to match {GoType(left)} {GoType(right)}";
        }
    }

    /// <summary>Scalar equality as YAML values: integers compare by value whatever their width; otherwise same type and value.</summary>
    public static bool ScalarEquals(object? a, object? b)
    {
        if (a is null || b is null) return a is null && b is null;
        if (a is string sa) return b is string sb && string.Equals(sa, sb, StringComparison.Ordinal);
        if (IsInteger(a) && IsInteger(b)) return ToBig(a) == ToBig(b);
        return a.Equals(b);
    }

    private static bool IsInteger(object v) => v is long or int or BigInteger;

    private static BigInteger ToBig(object v) => v switch
    {
        long l => l,
        int i => i,
        _ => (BigInteger)v,
    };

    /// <summary>Go's %T of a YAML value as ytt holds it.</summary>
    public static string GoType(object? v) => v switch
    {
        null => "<nil>",
        string => "string",
        bool => "bool",
        long or int => "int",
        BigInteger => "*big.Int",
        double => "float64",
        Map => "*yamlmeta.Map",
        YamlArray => "*yamlmeta.Array",
        Document => "*yamlmeta.Document",
        DocumentSet => "*yamlmeta.DocumentSet",
        _ => v.GetType().Name,
    };
}
