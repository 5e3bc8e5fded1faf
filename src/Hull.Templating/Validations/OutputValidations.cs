using Hull.Starlark;
using Hull.Templating.Values;

namespace Hull.Templating.Validations;

/// <summary>ytt's last step: `#@assert/validate` rules on the rendered (and overlaid) documents, all failures reported at once.</summary>
public static class OutputValidations
{
    /// <summary>Validates every rendered YAML file; throws a <see cref="TemplateException"/> listing every failure.</summary>
    public static void Run(IReadOnlyList<RenderedFile> files, StarlarkThread thread)
    {
        var validator = new NodeValidator(thread, [NodeValidator.AssertValidate]);
        var failures = new List<ValidationFailure>();
        foreach (var f in files)
        {
            // Validating converts the whole output to Starlark values; most outputs carry no rule at all.
            if (f.Yaml is { } set && HasRule(set)) failures.AddRange(validator.Validate(set));
        }
        if (failures.Count > 0) throw new TemplateException(ValidationFailure.Format(failures));
    }

    private static bool HasRule(object? value)
    {
        WalkDepth.EnsureStack("validate");
        if (value is Hull.Yaml.Node n && Yaml.YamlModel.Annotations(n) is { } anns && anns.ContainsKey(NodeValidator.AssertValidate))
        {
            return true;
        }
        switch (value)
        {
            case Hull.Yaml.DocumentSet ds:
                foreach (var d in ds.Items) if (HasRule(d)) return true;
                return false;
            case Hull.Yaml.Document d:
                return HasRule(d.Value);
            case Hull.Yaml.Map m:
                foreach (var i in m.Items) if (HasRule(i)) return true;
                return false;
            case Hull.Yaml.YamlArray a:
                foreach (var i in a.Items) if (HasRule(i)) return true;
                return false;
            case Hull.Yaml.MapItem mi:
                return HasRule(mi.Value);
            case Hull.Yaml.ArrayItem ai:
                return HasRule(ai.Value);
            default:
                return false;
        }
    }
}
