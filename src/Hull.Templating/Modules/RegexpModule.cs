using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Hull.Starlark.Values;
using Hull.Templating.Values;

namespace Hull.Templating.Modules;

/// <summary>`@ytt:regexp`: match and replace with Go RE2 patterns (run by .NET's engine, which accepts RE2's syntax subset).</summary>
public static class RegexpModule
{
    private static readonly ConcurrentDictionary<string, Regex> s_cache = new(StringComparer.Ordinal);

    /// <summary>The module.</summary>
    public static ModuleValue Create() => HostFunction.Module("regexp",
        HostFunction.Create("regexp.match", a =>
        {
            a.Exactly(2);
            return BoolValue.Of(Compile(a.String(0)).IsMatch(a.String(1)));
        }),
        HostFunction.Create("regexp.replace", a =>
        {
            a.Exactly(3);
            var re = Compile(a.String(0));
            string src = a.String(1);
            var thread = a.Thread;
            if (a.Positional[2] is StringValue repl)
            {
                return StringValue.Of(re.Replace(src, GoReplacement(repl.Value)));
            }
            if (a.Positional[2] is ICallable fn)
            {
                return StringValue.Of(re.Replace(src, m =>
                {
                    var r = fn.Call(thread, [StringValue.Of(m.Value)], null);
                    return r is StringValue s ? s.Value : throw new HostError($"expected replacement function to return a string, but was {r.Type}");
                }));
            }
            throw new HostError($"expected argument #3 to be a string or function, but was {a.Positional[2].Type}");
        }));

    private static Regex Compile(string pattern)
    {
        return s_cache.GetOrAdd(pattern, p =>
        {
            try
            {
                return new Regex(p, RegexOptions.CultureInvariant);
            }
            catch (ArgumentException e)
            {
                throw new HostError($"error parsing regexp: {e.Message}");
            }
        });
    }

    // Go expands $name as the longest run of word characters, .NET stops at non-digits for numbers; brace them.
    private static string GoReplacement(string repl) =>
        Regex.Replace(repl, @"\$(\w+)|\$\{(\w+)\}|\$\$", m =>
            m.Value == "$$" ? "$$" : "${" + (m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value) + "}");
}
