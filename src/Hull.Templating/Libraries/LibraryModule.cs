using Hull.Starlark.Values;
using Hull.Templating.Evaluation;
using Hull.Templating.Values;

namespace Hull.Templating.Libraries;

/// <summary>`@ytt:library`: library.get(name, alias=) finds `_ytt_lib/name` from the calling file's directory upwards.</summary>
public static class LibraryModule
{
    /// <summary>The module for templates of <paramref name="owner"/>.</summary>
    public static ModuleValue Create(LibraryExecution owner) => HostFunction.Module("library",
        HostFunction.Create("library.get", a =>
        {
            a.AllowKwargs("alias", "ignore_unknown_comments", "implicit_map_key_overrides", "strict");
            if (a.Positional.Length != 1) throw new HostError($"got {a.Positional.Length} arguments, want 1");
            string name = a.String(0).TrimStart('@');
            string? alias = a.Kwarg("alias") switch
            {
                null or NoneValue => null,
                StringValue s => s.Value,
                var v => throw new HostError($"expected alias to be a string, but was {v.Type}"),
            };
            string from = a.Thread.GetLocal(ModuleLoader.CurrentFileKey) as string ?? owner.Library.Root;
            var library = owner.Library.Find(from, name) ?? throw new HostError($"Expected to find library '{name}', but did not find '_ytt_lib/{name}'");
            var options = new TemplateOptions
            {
                IgnoreUnknownComments = Flag(a, "ignore_unknown_comments"),
                ImplicitMapKeyOverrides = Flag(a, "implicit_map_key_overrides"),
                Strict = Flag(a, "strict"),
                Version = owner.Options.Version,
                MaxSteps = owner.Options.MaxSteps,
                DisableDataValuesValidation = owner.Options.DisableDataValuesValidation,
                ProgramCompiled = owner.Options.ProgramCompiled,
            };
            // `#@library/ref "@name"` and `@name:` flags reach every instance of the library; "@~alias" only this one.
            string[] keys = alias is null ? [name] : [name, "~" + alias];
            foreach (var k in keys) owner.Requests.Note(k);
            return new LibraryInstance(owner, library, alias ?? name, keys, options, [], []);
        }));

    private static bool Flag(HostArgs a, string name) => a.Kwarg(name) switch
    {
        null or NoneValue => false,
        BoolValue b => b.Value,
        var v => throw new HostError($"expected {name} to be a bool, but was {v.Type}"),
    };
}
