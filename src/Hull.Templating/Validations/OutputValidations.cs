using Hull.Starlark;

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
            if (f.Yaml is { } set) failures.AddRange(validator.Validate(set));
        }
        if (failures.Count > 0) throw new TemplateException(ValidationFailure.Format(failures));
    }
}
