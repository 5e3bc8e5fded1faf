using System.Text;
using Hull.Starlark.Values;
using Hull.Templating.Evaluation;
using Hull.Templating.Values;
using Hull.Yaml;

namespace Hull.Templating.Validations;

/// <summary>One rule of a validation: what a valid value must be, and the assertion that checks it.</summary>
/// <param name="Description">The "must be" text.</param>
/// <param name="Check">A Starlark callable or a value with a `check` attribute.</param>
public sealed record ValidationRule(string Description, Value Check);

/// <summary>
/// The rules of one `#@assert/validate` or `#@schema/validation` annotation: custom 2-tuples first, then the named
/// rules in ytt's order (min_len, max_len, min, max, one_not_null, one_of), with `not_null`, `when` and
/// `when_null_skip` controlling whether they run.
/// </summary>
public sealed class ValidationRules
{
    private static readonly string[] s_known = ["min", "max", "min_len", "max_len", "not_null", "one_not_null", "one_of", "when", "when_null_skip"];

    /// <summary>Where the annotation was written (the "by:" position).</summary>
    public Position Position { get; private init; }

    /// <summary>The rules to run, in order.</summary>
    public List<ValidationRule> Rules { get; } = [];

    /// <summary>`not_null=True`: a null value fails and no other rule runs.</summary>
    public bool NotNull { get; private set; }

    /// <summary>`when=`: a predicate of (value) or (value, ctx) deciding whether the rules run.</summary>
    public Value? When { get; private set; }

    /// <summary>`when_null_skip=`: null values skip the rules (ytt's default unless not_null is set).</summary>
    public bool? WhenNullSkip { get; private set; }

    /// <summary>Parses an evaluated annotation; <paramref name="name"/> is the annotation name for error messages.</summary>
    public static ValidationRules Parse(string name, NodeAnnotation ann, Position at, AssertRuleFactory factory)
    {
        string by = at.AsCompactString();
        string prefix = $"Invalid @{name} annotation - ";
        var rules = new ValidationRules { Position = at };
        if (ann.Args.Length == 0 && ann.Kwargs.Length == 0)
        {
            throw new TemplateException($"{prefix}expected annotation to have 2-tuple as argument(s), but found no arguments (by {by})");
        }
        foreach (var arg in ann.Args)
        {
            if (arg is not TupleValue t)
            {
                throw new TemplateException($"{prefix}expected annotation to have 2-tuple as argument(s), but found: {Repr(arg)} (by {by})");
            }
            if (t.Items.Length != 2)
            {
                throw new TemplateException($"{prefix}expected 2-tuple, but found tuple with length {t.Items.Length} (by {by})");
            }
            if (t.Items[0] is not StringValue desc)
            {
                throw new TemplateException($"{prefix}expected first item in the 2-tuple to be a string describing a valid value, but was {t.Items[0].Type} (at {by})");
            }
            var check = t.Items[1];
            bool ok = check is ICallable || (check is IHasAttributes h && h.GetAttr("check") is ICallable);
            if (!ok)
            {
                throw new TemplateException($"{prefix}expected second item in tuple to be an assertion function or assertion object, but was a {check.Type} (at {by})");
            }
            rules.Rules.Add(new ValidationRule(desc.Value, check));
        }

        var kw = new Dictionary<string, Value>(StringComparer.Ordinal);
        foreach (var (k, v) in ann.Kwargs)
        {
            if (Array.IndexOf(s_known, k) < 0)
            {
                throw new TemplateException($"{prefix}unknown keyword argument \"{k}\" (at {by})");
            }
            kw[k] = v;
        }
        foreach (var k in new[] { "min_len", "max_len" })
        {
            if (kw.TryGetValue(k, out var v) && v is not (IntValue or FloatValue))
            {
                throw new TemplateException($"{prefix}expected keyword argument \"{k}\" to be a number, but was {v.Type} (at {by})");
            }
        }
        if (kw.TryGetValue("not_null", out var nn))
        {
            rules.NotNull = nn is BoolValue b ? b.Value : throw new TemplateException($"{prefix}expected keyword argument \"not_null\" to be a boolean, but was {nn.Type} (at {by})");
        }
        if (kw.TryGetValue("when_null_skip", out var wns))
        {
            rules.WhenNullSkip = wns is BoolValue b ? b.Value : throw new TemplateException($"{prefix}expected keyword argument \"when_null_skip\" to be a boolean, but was {wns.Type} (at {by})");
        }
        if (kw.TryGetValue("when", out var when))
        {
            rules.When = when is ICallable ? when : throw new TemplateException($"{prefix}expected keyword argument \"when\" to be a function, but was {when.Type} (at {by})");
        }
        if (kw.TryGetValue("min_len", out var minLen))
        {
            rules.Rules.Add(new ValidationRule($"length >= {LengthText(minLen)}", factory.Make("min_len", minLen)));
        }
        if (kw.TryGetValue("max_len", out var maxLen))
        {
            rules.Rules.Add(new ValidationRule($"length <= {LengthText(maxLen)}", factory.Make("max_len", maxLen)));
        }
        if (kw.TryGetValue("min", out var min))
        {
            rules.Rules.Add(new ValidationRule($"a value >= {Repr(min)}", factory.Make("min", min)));
        }
        if (kw.TryGetValue("max", out var max))
        {
            rules.Rules.Add(new ValidationRule($"a value <= {Repr(max)}", factory.Make("max", max)));
        }
        if (kw.TryGetValue("one_not_null", out var onn))
        {
            string desc;
            if (onn is BoolValue ob)
            {
                if (!ob.Value) throw new TemplateException($"{prefix}one_not_null= cannot be False");
                desc = "exactly one of all children to be not null";
            }
            else if (onn is ListValue or TupleValue)
            {
                desc = $"exactly one of {Repr(new ListValue(((IIterable)onn).Iterate().ToList()))} to be not null";
            }
            else
            {
                throw new TemplateException($"{prefix}expected True or a sequence of keys, but was a '{onn.Type}'");
            }
            rules.Rules.Add(new ValidationRule(desc, factory.Make("one_not_null", onn)));
        }
        if (kw.TryGetValue("one_of", out var oneOf))
        {
            if (oneOf is not (ListValue or TupleValue or YamlFragment))
            {
                throw new TemplateException($"{prefix}expected keyword argument one_of to be a sequence, but was {oneOf.Type}");
            }
            var seq = new ListValue(((IIterable)oneOf).Iterate().ToList());
            rules.Rules.Add(new ValidationRule($"one of {Repr(seq)}", factory.Make("one_of", seq)));
        }
        return rules;
    }

    private static string LengthText(Value v) => v is FloatValue f ? ((long)f.Value).ToString(System.Globalization.CultureInfo.InvariantCulture) : Repr(v);

    private static string Repr(Value v)
    {
        var sb = new StringBuilder();
        v.WriteRepr(sb);
        return sb.ToString();
    }
}
