using Hull.Starlark;
using Hull.Templating.Evaluation;
using Hull.Templating.Overlays;
using Hull.Templating.Schema;
using Hull.Templating.Validations;
using Hull.Templating.Yaml;
using Hull.Yaml;
using Hull.Templating.Values;

namespace Hull.Templating.DataValues;

/// <summary>A library's final data values and the schema that typed them.</summary>
/// <param name="Values">The values: a map (empty when nothing was declared), or the array or scalar a schema declares.</param>
/// <param name="Schema">The merged schema, or null when the library declares none.</param>
public sealed record DataValuesResult(object? Values, SchemaNode? Schema);

/// <summary>
/// ytt's data values step for one library: schema documents merged as overlays into one schema whose defaults start the
/// values; each values input type-checked against it and overlaid (documents) or merged (plain values) in order; defaults
/// completed; every problem reported at once; then `#@assert/validate` and `#@schema/validation` rules run.
/// </summary>
public sealed class DataValuesPipeline(StarlarkThread thread, Func<string, int, string?> sourceLine)
{
    /// <summary>Skip validations (`--dangerous-data-values-disable-validation`).</summary>
    public bool DisableValidation { get; init; }

    /// <summary>Merges the schema documents (in order) into one schema; null when there are none.</summary>
    public SchemaNode? MergeSchema(IReadOnlyList<DataValuesDocument> schemaDocs)
    {
        if (schemaDocs.Count == 0) return null;
        var first = schemaDocs[0].Document;
        object? merged = Node.CopyValue(first.Value);
        var engine = new OverlayEngine(thread) { KeepAnnotations = true };
        for (int i = 1; i < schemaDocs.Count; i++)
        {
            try
            {
                merged = merged is null ? Node.CopyValue(schemaDocs[i].Document.Value) : engine.ApplyDocumentValue(merged, schemaDocs[i].Document);
            }
            catch (OverlayException e)
            {
                throw new TemplateException($"Overlaying data values schema (in following order: {string.Join(", ", schemaDocs.Select(d => d.File).Distinct())}): {e.Message}", e);
            }
        }
        var doc = new Document(merged) { Position = first.Position, Annotations = first.Annotations };
        return SchemaBuilder.Build(doc);
    }

    /// <summary>Runs the whole step.</summary>
    public DataValuesResult Run(IReadOnlyList<DataValuesDocument> schemaDocs, IReadOnlyList<DataValuesStep> steps)
    {
        var schema = MergeSchema(schemaDocs);
        object? values = schema?.NewDefault();
        var problems = new List<SchemaProblem>();
        var engine = new OverlayEngine(thread) { KeepAnnotations = true };
        var overlayFiles = new List<string>();
        var order = new List<string>();
        var pseudoFiles = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var step in steps)
        {
            var doc = step.Document;
            if (step.SourceFile is { } sf) pseudoFiles[sf.File] = sf.Text.Split('\n');
            string orderName = step.Plain ? "additional data values" : step.Source;
            if (!order.Contains(orderName)) order.Add(orderName);
            if (schema is null && doc.Value is not (Map or null))
            {
                throw new TemplateException($"Expected data values document on line {doc.Position.AsCompactString()} to be a map, but was {SchemaChecker.FoundName(doc.Value)}");
            }
            if (schema is not null)
            {
                int before = problems.Count;
                SchemaChecker.Check(doc.Value, schema, "", doc.Position, problems);
                if (problems.Count > before) continue;
            }
            // An empty values document sets nothing (unless it carries an overlay operation, e.g. replace).
            if (doc.Value is null && (step.Plain || YamlModel.Annotations(doc) is not { } da || !da.Keys.Any(k => k.StartsWith("overlay/", StringComparison.Ordinal))))
            {
                continue;
            }
            if (step.Plain)
            {
                values = PlainMerge(values, doc.Value);
                continue;
            }
            overlayFiles.Add(step.Source);
            if (schema is not null) AllowNewKeysUnderAny(doc.Value, schema);
            try
            {
                values = values is null ? Node.CopyValue(doc.Value) : engine.ApplyDocumentValue(values, doc);
            }
            catch (OverlayException e)
            {
                throw new TemplateException($"Overlaying data values (in following order: {string.Join(", ", overlayFiles.Distinct())}): {e.Message}", e);
            }
        }
        if (problems.Count > 0)
        {
            string? Line(string file, int line) => pseudoFiles.TryGetValue(file, out var lines)
                ? (line >= 1 && line <= lines.Length ? lines[line - 1].TrimEnd('\r') : null)
                : sourceLine(file, line);
            throw new TemplateException(SchemaErrorFormat.Format(problems, Line, order));
        }

        // A schema may declare a map (usual), an array or a scalar as the whole of the values.
        if (schema is not null) values = SchemaDefaults.Fill(values, schema);
        var map = values ?? (schema is null ? new Map() : null);

        if (!DisableValidation)
        {
            // The whole of the values is validated as "(document)": rules on the schema document and on values documents.
            var root = new Document(map) { Position = schemaDocs.Count > 0 ? schemaDocs[0].Document.Position : steps.FirstOrDefault()?.Document.Position ?? default };
            // As for every node, a values document's rules apply only where it is the base: with no schema, the first one.
            var first = schema is null ? steps.FirstOrDefault(s => !s.Plain) : null;
            if (first is not null && YamlModel.Annotations(first.Document) is { } a && a.TryGetValue(NodeValidator.AssertValidate, out var av))
            {
                root.Annotations = new NodeAnnotations { [NodeValidator.AssertValidate] = av with { File = first.Document.Position.File } };
            }
            if (schema is not null)
            {
                Attach(root, schema);
                AttachSchemaValidations(map, schema);
            }
            var failures = new NodeValidator(thread, [NodeValidator.SchemaValidation, NodeValidator.AssertValidate], SourceOf).Validate(root);
            if (failures.Count > 0)
            {
                throw new TemplateException("Validating final data values:\n" + ValidationFailure.Format(failures));
            }
        }
        return new DataValuesResult(map, schema);
    }

    private static string SourceOf(Node n) => n.Position.IsKnown
        ? DataValuesStep.DisplayName(n.Position.File) + ":" + n.Position.Line.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : DataValuesStep.DisplayName(n.Position.File);

    /// <summary>Plain values merge: maps merge key by key (new keys added), anything else replaces.</summary>
    public static object? PlainMerge(object? left, object? right)
    {
        WalkDepth.EnsureStack("merge data values");
        if (left is not Map into || right is not Map from) return Node.CopyValue(right);
        foreach (var item in from.Items)
        {
            var existing = into.Find(item.Key);
            if (existing is null)
            {
                into.Items.Add((MapItem)item.DeepCopy());
            }
            else
            {
                existing.Value = PlainMerge(existing.Value, item.Value);
                existing.Position = item.Position;
            }
        }
        return into;
    }

    // Values typed `any` are passed through: keys under them need not exist in the defaults (ytt lets them be added).
    private static void AllowNewKeysUnderAny(object? value, SchemaNode schema)
    {
        WalkDepth.EnsureStack("merge data values");
        switch (value)
        {
            case Map m when schema.Kind == SchemaKind.Map:
                foreach (var item in m.Items)
                {
                    if (schema.Property(item.Key) is not { } prop) continue;
                    if (prop.Kind == SchemaKind.Any)
                    {
                        var anns = new NodeAnnotations();
                        if (YamlModel.Annotations(item) is { } existing)
                        {
                            foreach (var kv in existing) anns[kv.Key] = kv.Value;
                        }
                        anns.TryAdd(OverlayAnnotationNames.MatchChildDefaults, new NodeAnnotation([], [new("missing_ok", Hull.Starlark.Values.BoolValue.True)], item.Position.Line));
                        item.Annotations = anns;
                        continue;
                    }
                    AllowNewKeysUnderAny(item.Value, prop);
                }
                break;
            case YamlArray a when schema.Kind == SchemaKind.Array && schema.Item is { } itemSchema:
                foreach (var item in a.Items) AllowNewKeysUnderAny(item.Value, itemSchema);
                break;
        }
    }

    // Rules declared in the schema are attached to the value nodes they govern, so one walk runs every rule.
    private static void AttachSchemaValidations(object? value, SchemaNode schema)
    {
        WalkDepth.EnsureStack("validate data values");
        switch (value)
        {
            case Map m when schema.Kind == SchemaKind.Map:
                foreach (var item in m.Items)
                {
                    if (schema.Property(item.Key) is not { } prop) continue;
                    Attach(item, prop);
                    AttachSchemaValidations(item.Value, prop);
                }
                break;
            case YamlArray a when schema.Kind == SchemaKind.Array && schema.Item is { } itemSchema:
                foreach (var item in a.Items)
                {
                    Attach(item, itemSchema);
                    AttachSchemaValidations(item.Value, itemSchema);
                }
                break;
        }
    }

    private static void Attach(Node node, SchemaNode schema)
    {
        if (schema.Validation is null) return;
        var anns = new NodeAnnotations();
        if (YamlModel.Annotations(node) is { } existing)
        {
            foreach (var kv in existing) anns[kv.Key] = kv.Value;
        }
        var v = schema.Validation;
        // The rule's "by:" position is the schema's, whose file differs from the value's.
        anns[NodeValidator.SchemaValidation] = v with { File = schema.Position.File };
        node.Annotations = anns;
    }
}
