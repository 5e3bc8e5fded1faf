using System.CommandLine;
using Hull.Oci.Storage;
using Hull.Templating;
using Hull.Templating.DataValues;
using Hull.Templating.Files;
using Hull.Yaml;

namespace Hull.Cli.Commands;

/// <summary>`hull template`: ytt's `template` command, with ytt v0.45's flag names and meanings.</summary>
public static class TemplateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var files = new Option<string[]>("--file", "-f") { Description = "File (ie local path, -) (can be specified multiple times)", AllowMultipleArgumentsPerToken = false };
        var fileMarks = new Option<string[]>("--file-mark") { Description = "File mark (ie change file path, mark as non-template) (format: file:key=value) (can be specified multiple times)" };
        var filesInspect = new Option<bool>("--files-inspect") { Description = "Inspect files" };
        var output = new Option<string>("--output", "-o") { Description = "Output type (yaml, json, pos, openapi-v3)", DefaultValueFactory = _ => "yaml" };
        output.AcceptOnlyFromAmong("yaml", "json", "pos", "openapi-v3");
        var outputFiles = new Option<string?>("--output-files") { Description = "Add output files to given directory" };
        var emptied = new Option<string?>("--dangerous-emptied-output-directory") { Description = "Delete given directory, and then create it with output files" };
        var ignoreUnknown = new Option<bool>("--ignore-unknown-comments") { Description = "Configure whether unknown comments are considered as errors (comments that do not start with '#@' or '#!')" };
        var implicitOverrides = new Option<bool>("--implicit-map-key-overrides") { Description = "Configure whether implicit map keys overrides are allowed" };
        var strict = new Option<bool>("--strict", "-s") { Description = "Configure to use _strict_ YAML subset" };
        var allowSymlink = new Option<string[]>("--allow-symlink-destination") { Description = "File paths to which symlinks are allowed to point (can be specified multiple times)" };
        var allowAllSymlinks = new Option<bool>("--dangerous-allow-all-symlink-destinations") { Description = "Symlinks to all destinations are allowed" };
        var dataValue = new Option<string[]>("--data-value", "-v") { Description = "Set specific data value to given value, as string (format: all.key1.subkey=123) (can be specified multiple times)" };
        var dataValueYaml = new Option<string[]>("--data-value-yaml") { Description = "Set specific data value to given value, parsed as YAML (format: all.key1.subkey=true) (can be specified multiple times)" };
        var dataValueFile = new Option<string[]>("--data-value-file") { Description = "Set specific data value to contents of a file (format: all.key1.subkey={file path, or '-' (i.e. stdin)}) (can be specified multiple times)" };
        var dataValuesFile = new Option<string[]>("--data-values-file") { Description = "Set multiple data values via plain YAML files (format: {file path, or '-' (i.e. stdin)}) (can be specified multiple times)" };
        var dataValuesEnv = new Option<string[]>("--data-values-env") { Description = "Extract data values (as strings) from prefixed env vars (format: PREFIX for PREFIX_all__key1=str) (can be specified multiple times)" };
        var dataValuesEnvYaml = new Option<string[]>("--data-values-env-yaml") { Description = "Extract data values (parsed as YAML) from prefixed env vars (format: PREFIX for PREFIX_all__key1=true) (can be specified multiple times)" };
        var dataValuesInspect = new Option<bool>("--data-values-inspect") { Description = "Inspect data values" };
        var schemaInspect = new Option<bool>("--data-values-schema-inspect") { Description = "Inspect data values schema (use with -o openapi-v3)" };
        var disableValidation = new Option<bool>("--dangerous-data-values-disable-validation") { Description = "Skip validating data values (not recommended: may result in templates failing or invalid output)" };

        var cmd = new Command("template", "Process YAML templates (ytt's `template`)");
        foreach (var o in new Option[] { files, fileMarks, filesInspect, output, outputFiles, emptied, ignoreUnknown, implicitOverrides, strict, allowSymlink, allowAllSymlinks, dataValue, dataValueYaml, dataValueFile, dataValuesFile, dataValuesEnv, dataValuesEnvYaml, dataValuesInspect, schemaInspect, disableValidation })
        {
            cmd.Options.Add(o);
        }

        cmd.SetAction(async (parse, cancellationToken) =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var collector = new FileCollector { AllowAllSymlinks = parse.GetValue(allowAllSymlinks) };
            collector.AllowedSymlinkDestinations.AddRange(parse.GetValue(allowSymlink) ?? []);
            foreach (var f in parse.GetValue(files) ?? [])
            {
                collector.Add(f, Console.OpenStandardInput);
            }

            foreach (var m in parse.GetValue(fileMarks) ?? [])
            {
                collector.ApplyMark(m);
            }

            if (parse.GetValue(filesInspect))
            {
                foreach (var f in collector.Files)
                {
                    await stdout.WriteLineAsync(f.RelativePath.AsMemory(), cancellationToken).ConfigureAwait(false);
                }

                return HullApp.Success;
            }

            var options = new TemplateOptions
            {
                IgnoreUnknownComments = parse.GetValue(ignoreUnknown),
                ImplicitMapKeyOverrides = parse.GetValue(implicitOverrides),
                Strict = parse.GetValue(strict),
                Version = HullApp.Version,
                DisableDataValuesValidation = parse.GetValue(disableValidation),
                ProgramCompiled = CompileGarbage.CollectIfMuchAllocated,
            };
            foreach (var path in parse.GetValue(dataValuesFile) ?? [])
            {
                await DataValuesFiles.AddValuesFileAsync(options.DataValues, path, cancellationToken).ConfigureAwait(false);
            }

            foreach (var env in parse.GetValue(dataValuesEnv) ?? [])
            {
                options.DataValues.AddEnvironment(env, asYaml: false);
            }

            foreach (var env in parse.GetValue(dataValuesEnvYaml) ?? [])
            {
                options.DataValues.AddEnvironment(env, asYaml: true);
            }

            foreach (var kv in parse.GetValue(dataValueFile) ?? [])
            {
                await DataValuesFiles.AddValueFileAsync(options.DataValues, kv, cancellationToken).ConfigureAwait(false);
            }

            foreach (var kv in parse.GetValue(dataValue) ?? [])
            {
                options.DataValues.AddKeyValue(kv, asYaml: false, source: "--data-value");
            }

            foreach (var kv in parse.GetValue(dataValueYaml) ?? [])
            {
                options.DataValues.AddKeyValue(kv, asYaml: true, source: "--data-value-yaml");
            }

            string format = parse.GetValue(output) ?? "yaml";
            if (parse.GetValue(schemaInspect))
            {
                if (format != "openapi-v3")
                {
                    throw new TemplateException("Data Values Schema inspection only supports the openapi-v3 output format (use --output openapi-v3)");
                }

                await stdout.WriteAsync(DataValuesInspection.OpenApiYaml(collector.Files, options).AsMemory(), cancellationToken).ConfigureAwait(false);
                return HullApp.Success;
            }

            if (format == "openapi-v3")
            {
                throw new TemplateException("Output type openapi-v3 is only supported with --data-values-schema-inspect");
            }

            if (parse.GetValue(dataValuesInspect))
            {
                await stdout.WriteAsync(DataValuesInspection.ValuesYaml(collector.Files, options).AsMemory(), cancellationToken).ConfigureAwait(false);
                return HullApp.Success;
            }

            PhaseTrace.Mark("inputs");
            RenderResult result;
            try
            {
                result = TemplateRenderer.Render(collector.Files, options);
                PhaseTrace.Mark("render");
            }
            catch (TemplateException e) when (e.UnparsableYamlFile is { } file)
            {
                // ytt's command line names the file; the golden files (which call the parser directly) do not.
                throw new TemplateException($"Unmarshaling YAML template '{file}': {e.Message}", e);
            }

            string? emptiedDir = parse.GetValue(emptied);
            string? outDir = parse.GetValue(outputFiles);
            if (emptiedDir is not null || outDir is not null)
            {
                // Everything is rendered before anything is written; the directory is filled through a temp sibling.
                string dir = emptiedDir ?? outDir!;
                var outputs = result.OutputFiles().ToList();
                // What a killed render into the same folder left behind goes first.
                TempNames.RemoveAbandoned(Path.GetDirectoryName(Path.GetFullPath(dir).TrimEnd('/')) ?? ".", OutputDirectory.TempPrefix(dir));
                OutputDirectory.Write(outputs, dir, emptyFirst: emptiedDir is not null);
                foreach (var (path, _) in outputs)
                {
                    await stdout.WriteLineAsync(("creating: " + Path.Combine(dir, path)).AsMemory(), cancellationToken).ConfigureAwait(false);
                }

                return HullApp.Success;
            }

            string text = format switch
            {
                "json" => result.CombinedJson(),
                "pos" => result.CombinedPositions(),
                _ => result.CombinedYaml(),
            };
            PhaseTrace.Mark("emit");
            await stdout.WriteAsync(text.AsMemory(), cancellationToken).ConfigureAwait(false);
            PhaseTrace.Mark("write");
            return HullApp.Success;
        });
        return cmd;
    }
}
