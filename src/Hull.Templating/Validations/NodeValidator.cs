using Hull.Starlark;
using Hull.Starlark.Values;
using Hull.Templating.Evaluation;
using Hull.Templating.Values;
using Hull.Templating.Yaml;
using Hull.Yaml;

namespace Hull.Templating.Validations;

/// <summary>
/// Runs the validations annotated on YAML nodes (`#@assert/validate`, and `#@schema/validation` on data values): every
/// node is checked, every rule of a node runs, and all failures are returned together (pre-order, as written).
/// </summary>
public sealed class NodeValidator
{
    /// <summary>The template annotation.</summary>
    public const string AssertValidate = "assert/validate";

    /// <summary>The schema annotation.</summary>
    public const string SchemaValidation = "schema/validation";

    private static readonly string[] s_messagePrefixes = ["assert.fail: ", "fail: ", "check: "];

    private readonly AssertRuleFactory _factory;
    private readonly string[] _annotations;
    private readonly Func<Node, string>? _sourceOf;
    private readonly List<ValidationFailure> _failures = [];
    private Value? _root;

    /// <summary>Creates a validator running the given annotations; <paramref name="sourceOf"/> names where a value came from (default: its position).</summary>
    public NodeValidator(StarlarkThread thread, IEnumerable<string> annotations, Func<Node, string>? sourceOf = null)
    {
        _factory = new AssertRuleFactory(thread);
        _annotations = [.. annotations];
        _sourceOf = sourceOf;
    }

    /// <summary>Validates a document set, document or value; returns the failures (empty when valid).</summary>
    public IReadOnlyList<ValidationFailure> Validate(object? root)
    {
        _failures.Clear();
        _rootNode = root;
        _root = null;
        _segments.Clear();
        Walk(root);
        return [.. _failures];
    }

    // Rendered output is mostly unannotated: paths (and the Starlark form of the root) are built only for nodes that
    // carry rules, so validating thousands of documents costs one walk.
    private readonly List<object> _segments = [];
    private object? _rootNode;

    private string Path()
    {
        if (_segments.Count == 0) return "(document)";
        var sb = new System.Text.StringBuilder();
        foreach (var seg in _segments)
        {
            if (seg is int i) sb.Append('[').Append(i.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(']');
            else
            {
                if (sb.Length > 0) sb.Append('.');
                sb.Append(YamlModel.FormatKey(((MapItem)seg).Key));
            }
        }
        return sb.ToString();
    }

    private void Walk(object? value)
    {
        WalkDepth.EnsureStack("validate");
        switch (value)
        {
            case DocumentSet ds:
                foreach (var d in ds.Items)
                {
                    Check(d, ds);
                    Walk(d.Value);
                }
                break;
            case Document doc:
                Check(doc, doc);
                Walk(doc.Value);
                break;
            case Map m:
                foreach (var item in m.Items)
                {
                    _segments.Add(item);
                    Check(item, m);
                    Walk(item.Value);
                    _segments.RemoveAt(_segments.Count - 1);
                }
                break;
            case YamlArray a:
                for (int i = 0; i < a.Items.Count; i++)
                {
                    _segments.Add(i);
                    Check(a.Items[i], a);
                    Walk(a.Items[i].Value);
                    _segments.RemoveAt(_segments.Count - 1);
                }
                break;
        }
    }

    private void Check(Node node, Node container)
    {
        if (YamlModel.Annotations(node) is not { } anns) return;
        string? path = null;
        foreach (var name in _annotations)
        {
            if (!anns.TryGetValue(name, out var ann)) continue;
            var at = ann.File is not null ? new Position(ann.File, ann.Line) : new Position(node.Position.File, ann.Line > 0 ? ann.Line : node.Position.Line);
            var rules = ValidationRules.Parse(name, ann, at, _factory);
            path ??= Path();
            var violations = Run(rules, node, container, path);
            if (violations.Count > 0)
            {
                _failures.Add(new ValidationFailure(path, _sourceOf?.Invoke(node) ?? node.Position.AsCompactString(), violations));
            }
        }
    }

    private List<RuleViolation> Run(ValidationRules rules, Node node, Node container, string path)
    {
        var result = new List<RuleViolation>();
        object? raw = YamlModel.ValueOf(node);
        var value = ToStarlark(raw);
        var thread = _factory.Thread;
        if (raw is null)
        {
            if (rules.NotNull)
            {
                result.Add(new RuleViolation("not null", "value is null", rules.Position));
                return result;
            }
            if (rules.WhenNullSkip ?? true) return result;
        }
        if (rules.When is { } when)
        {
            int arity = when is FunctionValue fv ? fv.ParamNames.Count : 1;
            if (arity is not (1 or 2))
            {
                throw new TemplateException($"Validating {path}: Failed to evaluate when=: function must accept 1 or 2 arguments ({arity} given)");
            }
            Value ok;
            try
            {
                ok = arity == 1 ? thread.Call(when, value)
                    : thread.Call(when, value, new YttStruct([new("parent", ToStarlark(container)), new("root", _root ??= ToStarlark(_rootNode))]));
            }
            catch (EvalException e)
            {
                throw new TemplateException($"Validating {path}: Failure evaluating when=: {e.Msg}", e);
            }
            if (ok is not BoolValue b) throw new TemplateException($"Validating {path}: want when= to be bool, got {ok.Type}");
            if (!b.Value) return result;
        }
        foreach (var rule in rules.Rules)
        {
            var check = rule.Check is ICallable ? rule.Check : ((IHasAttributes)rule.Check).GetAttr("check")!;
            try
            {
                var r = thread.Call(check, value);
                if (r is BoolValue { Value: false }) result.Add(new RuleViolation(rule.Description, null, rules.Position));
            }
            catch (EvalException e)
            {
                result.Add(new RuleViolation(rule.Description, StripPrefixes(e.Msg), rules.Position));
            }
        }
        return result;
    }

    private static string StripPrefixes(string msg)
    {
        bool again = true;
        while (again)
        {
            again = false;
            foreach (var p in s_messagePrefixes)
            {
                if (msg.StartsWith(p, StringComparison.Ordinal))
                {
                    msg = msg[p.Length..];
                    again = true;
                }
            }
        }
        return msg;
    }

    /// <summary>A YAML value as validations see it: maps as dicts, arrays and document sets as lists.</summary>
    public static Value ToStarlark(object? value) => value switch
    {
        Document d => ToStarlark(d.Value),
        MapItem mi => ToStarlark(mi.Value),
        ArrayItem ai => ToStarlark(ai.Value),
        _ => PlainConversion.FromPlain(NodeConversion.ToPlain(value)),
    };
}
