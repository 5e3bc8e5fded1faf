using Hull.Templating.Files;

namespace Hull.Templating;

/// <summary>Switches of `hull template` that change how templates compile and evaluate.</summary>
public sealed class TemplateOptions
{
    /// <summary>`--ignore-unknown-comments`: plain `#` comments are not errors.</summary>
    public bool IgnoreUnknownComments { get; set; }

    /// <summary>`--implicit-map-key-overrides`: a repeated map key replaces the earlier one.</summary>
    public bool ImplicitMapKeyOverrides { get; set; }

    /// <summary>`--strict`: YAML parsing refuses ambiguous plain scalars as ytt's strict mode does.</summary>
    public bool Strict { get; set; }

    /// <summary>Data values from the command line and files; `#@data/values` documents are added during rendering.</summary>
    public DataValuesSources DataValues { get; } = new();

    /// <summary>`--dangerous-data-values-disable-validation`: data values rules are not run.</summary>
    public bool DisableDataValuesValidation { get; set; }

    /// <summary>The version `@ytt:version` compares against.</summary>
    public string Version { get; set; } = "0.0.0";

    /// <summary>When set, the render charges its time to phases here (benchmarks).</summary>
    public RenderTimings? Timings { get; set; }

    /// <summary>Upper bound on Starlark steps per template, 0 for none.</summary>
    public long MaxSteps { get; set; }

    /// <summary>
    /// Called each time a template has been compiled to its Starlark program, when the compiler's garbage is dead:
    /// the host decides whether to collect it (the CLI does, after much allocation); the library never forces a collection.
    /// </summary>
    public Action? ProgramCompiled { get; set; }
}
