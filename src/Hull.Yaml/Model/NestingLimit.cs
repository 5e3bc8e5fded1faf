using System.Globalization;
using System.Runtime.CompilerServices;

namespace Hull.Yaml;

/// <summary>
/// The deepest nesting of maps and arrays Hull.Yaml reads or writes. Parsing, copying and emitting recurse once per
/// level, so hostile input (20,000 `[`) would otherwise overflow the stack and kill the process.
/// </summary>
public static class NestingLimit
{
    /// <summary>Maximum nesting depth of collections (go-yaml v2.2.8+ caps at 10,000; ytt documents never come close).</summary>
    public const int MaxDepth = 1000;

    /// <summary>The error for a collection nested deeper than <see cref="MaxDepth"/> at <paramref name="position"/>.</summary>
    public static YamlException TooDeep(Position position) =>
        new("yaml: " + (position.Line > 0 ? "line " + position.Line.ToString(CultureInfo.InvariantCulture) + ": " : "")
            + "nesting deeper than " + MaxDepth.ToString(CultureInfo.InvariantCulture) + " levels", position);

    /// <summary>Throws when a recursive walk over values (copying, emitting) nears the end of the stack.</summary>
    /// <exception cref="YamlException">The value is nested too deeply to walk.</exception>
    internal static void EnsureStack()
    {
        // Values built by templates are not bounded by the parser; probing the stack (cheap: one comparison) turns
        // what would be a process-killing overflow into an ordinary error.
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new YamlException("yaml: value nested too deeply: exceeded max depth (the stack is exhausted)");
        }
    }
}
