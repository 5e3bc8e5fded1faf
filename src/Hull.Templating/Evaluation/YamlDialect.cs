using Hull.Starlark.Values;
using Hull.Templating.Values;
using Hull.Templating.Yaml;

namespace Hull.Templating.Evaluation;

/// <summary>Builds YAML nodes: computed values converted to nodes, duplicate keys refused unless overridden, template.replace splicing.</summary>
public sealed class YamlDialect(bool implicitMapKeyOverrides) : IEvaluationDialect
{
    /// <summary>Annotation allowing a repeated key.</summary>
    public const string MapKeyOverride = "yaml/map-key-override";

    /// <inheritdoc/>
    public object NewNode(object templateNode) => YamlModel.NewEmptyLike(templateNode);

    /// <inheritdoc/>
    public void PrepareNode(object parent, object node)
    {
        if (YamlModel.Kind(parent) == NodeKind.Map && YamlModel.Kind(node) == NodeKind.MapItem)
        {
            ApplyOverride(parent, node, strict: true);
        }
    }

    /// <summary>Removes earlier items with the new item's key when overriding is allowed; otherwise refuses the duplicate when strict.</summary>
    public void ApplyOverride(object map, object newItem, bool strict)
    {
        var items = YamlModel.Items(map);
        var key = YamlModel.Key(newItem);
        bool found = false;
        foreach (var item in items)
        {
            if (KeysEqual(YamlModel.Key(item), key))
            {
                found = true;
                break;
            }
        }
        if (!found) return;
        if (implicitMapKeyOverrides || (YamlModel.Annotations(newItem)?.ContainsKey(MapKeyOverride) ?? false))
        {
            items.RemoveAll(i => KeysEqual(YamlModel.Key(i), key));
            return;
        }
        if (strict)
        {
            throw new HostError($"expected key '{YamlModel.FormatKey(key)}' to not be specified again (unless '{MapKeyOverride}' annotation is added)");
        }
    }

    private static bool KeysEqual(object? a, object? b) => Equals(a, b);

    /// <inheritdoc/>
    public void AddChild(object parent, object child)
    {
        switch (YamlModel.Kind(parent))
        {
            case NodeKind.Map or NodeKind.Array or NodeKind.DocumentSet:
                YamlModel.Items(parent).Add(child);
                break;
            default:
                YamlModel.SetValue(parent, child);
                break;
        }
    }

    /// <inheritdoc/>
    public void AddOriginalValue(object node, object templateNode)
    {
        if (YamlModel.Kind(templateNode) is NodeKind.Document or NodeKind.MapItem or NodeKind.ArrayItem)
        {
            YamlModel.SetValue(node, YamlModel.ValueOf(templateNode));
        }
    }

    /// <inheritdoc/>
    public void SetValue(object node, Value value)
    {
        var converted = NodeConversion.ToYaml(value);
        switch (YamlModel.Kind(node))
        {
            case NodeKind.Document or NodeKind.MapItem or NodeKind.ArrayItem:
                YamlModel.SetValue(node, converted);
                break;
            default:
                throw new HostError($"expected to set value on a document, map item or array item, but was {YamlModel.DebugName(node)}");
        }
    }

    /// <inheritdoc/>
    public void SetMapItemKey(object node, Value key) => YamlModel.SetKey(node, PlainConversion.ToPlain(key));

    /// <inheritdoc/>
    public void Replace(IReadOnlyList<object> parents, Value value)
    {
        var current = parents[^1];
        var kind = YamlModel.Kind(current);
        if (parents.Count < 2)
        {
            throw new HostError(kind switch
            {
                NodeKind.Document => "expected to find document set, but was not enough parents",
                NodeKind.MapItem => "expected to find map, but was not enough parents",
                NodeKind.ArrayItem => "expected to find array, but was not enough parents",
                _ => $"expected to replace document value, map item or array item, but found {YamlModel.DebugName(current)}",
            });
        }
        var parent = parents[^2];
        var items = YamlModel.Items(parent);
        List<object> insert;
        switch (kind)
        {
            case NodeKind.Document:
                insert = value switch
                {
                    ListValue or TupleValue => ((IIterable)value).Iterate().Select(v => YamlModel.NewDocument(NodeConversion.ToYaml(v))).ToList(),
                    YamlFragment f when YamlModel.Kind(f.Node) == NodeKind.DocumentSet => [.. YamlModel.Items(YamlModel.DeepCopy(f.Node))],
                    _ => throw new HostError($"expected value to be docset, but was {GoTypeNames.Of(value)}"),
                };
                break;
            case NodeKind.MapItem:
                {
                    bool carryMeta = false;
                    if (value is YamlFragment mf && YamlModel.Kind(mf.Node) == NodeKind.Map)
                    {
                        insert = [.. YamlModel.Items(YamlModel.DeepCopy(mf.Node))];
                        carryMeta = true;
                    }
                    else if (value is DictValue or YttStruct)
                    {
                        insert = [.. YamlModel.Items(NodeConversion.ToYaml(value)!)];
                    }
                    else
                    {
                        throw new HostError($"expected value to be map, but was {GoTypeNames.Of(value)}");
                    }
                    foreach (var item in insert) ApplyOverride(parent, item, carryMeta);
                    break;
                }
            case NodeKind.ArrayItem:
                insert = value switch
                {
                    ListValue or TupleValue => ((IIterable)value).Iterate().Select(v => YamlModel.NewArrayItem(NodeConversion.ToYaml(v))).ToList(),
                    YamlFragment af when YamlModel.Kind(af.Node) == NodeKind.Array => [.. YamlModel.Items(YamlModel.DeepCopy(af.Node))],
                    _ => throw new HostError($"expected value to be array, but was {GoTypeNames.Of(value)}"),
                };
                break;
            default:
                throw new HostError($"expected to replace document value, map item or array item, but found {YamlModel.DebugName(current)}");
        }
        int idx = items.FindIndex(i => ReferenceEquals(i, current));
        if (idx < 0) throw new HostError("expected to find placeholder in parent");
        items.RemoveAt(idx);
        items.InsertRange(idx, insert);
    }

    /// <inheritdoc/>
    public bool ShouldWrapRoot(object node) => YamlModel.Kind(node) is NodeKind.Document or NodeKind.MapItem or NodeKind.ArrayItem;

    /// <inheritdoc/>
    public Value WrapRoot(object? root) => YamlFragment.Of(root!);

    /// <inheritdoc/>
    public void SetAnnotations(object node, NodeAnnotations annotations) => YamlModel.SetAnnotations(node, annotations);
}
