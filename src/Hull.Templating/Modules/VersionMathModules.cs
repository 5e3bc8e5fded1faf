using System.Text.RegularExpressions;
using Hull.Starlark.Values;
using Hull.Templating.Values;

namespace Hull.Templating.Modules;

/// <summary>`@ytt:version` and `@ytt:math`.</summary>
public static partial class VersionMathModules
{
    /// <summary>version.require_at_least(v) against the running version.</summary>
    public static ModuleValue Version(string current) => HostFunction.Module("version",
        HostFunction.Create("version.require_at_least", a =>
        {
            a.Exactly(1);
            string want = a.String(0);
            if (!SemverPattern().IsMatch(want)) throw new HostError($"version string '{want}' must be a valid semver");
            if (Compare(current, want) < 0)
            {
                throw new HostError($"ytt version '{current}' does not meet the minimum required version '{want}'");
            }
            return NoneValue.None;
        }));

    private static int Compare(string a, string b)
    {
        static long[] Parts(string v)
        {
            var m = SemverPattern().Match(v);
            return m.Success ? [long.Parse(m.Groups[1].Value), long.Parse(m.Groups[2].Value), long.Parse(m.Groups[3].Value)] : [0, 0, 0];
        }
        var pa = Parts(a);
        var pb = Parts(b);
        for (int i = 0; i < 3; i++)
        {
            int c = pa[i].CompareTo(pb[i]);
            if (c != 0) return c;
        }
        return 0;
    }

    [GeneratedRegex(@"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$")]
    private static partial Regex SemverPattern();

    /// <summary>The math module (starlark-go's lib/math subset ytt exposes).</summary>
    public static ModuleValue Math()
    {
        static double Num(HostArgs a, int i) => a.Positional[i] switch
        {
            IntValue n => (double)n.Big,
            FloatValue f => f.Value,
            var v => throw new HostError($"got {v.Type}, want float or int"),
        };
        static BuiltinFunction F1(string name, Func<double, double> f) => HostFunction.Create("math." + name, a =>
        {
            a.Exactly(1);
            return new FloatValue(f(Num(a, 0)));
        });
        static BuiltinFunction F2(string name, Func<double, double, double> f) => HostFunction.Create("math." + name, a =>
        {
            a.Exactly(2);
            return new FloatValue(f(Num(a, 0), Num(a, 1)));
        });
        static BuiltinFunction Round(string name, Func<double, double> f) => HostFunction.Create("math." + name, a =>
        {
            a.Exactly(1);
            if (a.Positional[0] is IntValue i) return i;
            return IntValue.Of(new System.Numerics.BigInteger(f(Num(a, 0))));
        });
        var members = new List<KeyValuePair<string, Value>>
        {
            new("ceil", Round("ceil", System.Math.Ceiling)),
            new("floor", Round("floor", System.Math.Floor)),
            new("round", Round("round", x => System.Math.Round(x, MidpointRounding.AwayFromZero))),
            new("fabs", F1("fabs", System.Math.Abs)),
            new("sqrt", F1("sqrt", System.Math.Sqrt)),
            new("exp", F1("exp", System.Math.Exp)),
            new("log", HostFunction.Create("math.log", a =>
            {
                a.AtLeast(1);
                a.AtMost(2);
                double x = Num(a, 0);
                return new FloatValue(a.Positional.Length == 2 ? System.Math.Log(x) / System.Math.Log(Num(a, 1)) : System.Math.Log(x));
            })),
            new("pow", F2("pow", System.Math.Pow)),
            new("mod", F2("mod", (x, y) => x % y)),
            new("copysign", F2("copysign", System.Math.CopySign)),
            new("remainder", F2("remainder", System.Math.IEEERemainder)),
            new("hypot", F2("hypot", (x, y) => System.Math.Sqrt(x * x + y * y))),
            new("sin", F1("sin", System.Math.Sin)),
            new("cos", F1("cos", System.Math.Cos)),
            new("tan", F1("tan", System.Math.Tan)),
            new("asin", F1("asin", System.Math.Asin)),
            new("acos", F1("acos", System.Math.Acos)),
            new("atan", F1("atan", System.Math.Atan)),
            new("atan2", F2("atan2", System.Math.Atan2)),
            new("degrees", F1("degrees", x => x * 180 / System.Math.PI)),
            new("radians", F1("radians", x => x * System.Math.PI / 180)),
            new("pi", new FloatValue(System.Math.PI)),
            new("e", new FloatValue(System.Math.E)),
        };
        return new ModuleValue("math", members);
    }
}
