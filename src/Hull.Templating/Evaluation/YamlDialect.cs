using Hull.Starlark.Values;
using Hull.Templating.Values;
using Hull.Templating.Yaml;
using Hull.Yaml;

namespace Hull.Templating.Evaluation;

/// <summary>Builds YAML nodes: computed values converted to nodes, duplicate keys refused unless overridden, template.replace splicing.</summary>
public readonly struct YamlDialect(bool implicitMapKeyOverrides) : IEvaluationDialect<Node, Node>
{
    /// <summary>Annotation allowing a repeated key.</summary>
    public const string MapKeyOverride = "yaml/map-key-override";

    /// <inheritdoc/>
    public Node TemplateNode(object entry) => (Node)entry;

    /// <inheritdoc/>
    public Node NewNode(Node templateNode) => YamlModel.NewEmptyLike(templateNode);

    /// <inheritdoc/>
    public void PrepareNode(Node parent, Node node)
    {
        if (parent is Map map && node is MapItem item)
        {
            ApplyOverride(map, item, strict: true);
        }
    }

    /// <summary>Removes earlier items with the new item's key when overriding is allowed; otherwise refuses the duplicate when strict.</summary>
    public void ApplyOverride(Map map, MapItem newItem, bool strict)
    {
        var key = newItem.Key;
        if (map.Find(key) is null) return;
        if (implicitMapKeyOverrides || (YamlModel.Annotations(newItem)?.ContainsKey(MapKeyOverride) ?? false))
        {
            map.Items.RemoveAll(i => Map.KeyEquals(i.Key, key));
            return;
        }
        if (strict)
        {
            throw new HostError($"expected key '{YamlModel.FormatKey(key)}' to not be specified again (unless '{MapKeyOverride}' annotation is added)");
        }
    }

    /// <inheritdoc/>
    public void AddChild(Node parent, Node child)
    {
        switch (parent)
        {
            case Map m:
                m.Items.Add((MapItem)child);
                break;
            case YamlArray a:
                a.Items.Add((ArrayItem)child);
                break;
            case DocumentSet ds:
                ds.Items.Add((Document)child);
                break;
            default:
                YamlModel.SetValue(parent, child);
                break;
        }
    }

    /// <inheritdoc/>
    public void AddOriginalValue(Node node, Node templateNode)
    {
        if (YamlModel.HoldsValue(templateNode))
        {
            YamlModel.SetValue(node, YamlModel.ValueOf(templateNode));
        }
    }

    /// <inheritdoc/>
    public void SetValue(Node node, Value value)
    {
        var converted = NodeConversion.ToYaml(value);
        if (!YamlModel.HoldsValue(node))
        {
            throw new HostError($"expected to set value on a document, map item or array item, but was {YamlModel.DebugName(node)}");
        }
        YamlModel.SetValue(node, converted);
    }

    /// <inheritdoc/>
    public void SetMapItemKey(Node node, Value key) => ((MapItem)node).Key = PlainConversion.ToPlain(key);

    /// <inheritdoc/>
    public void Replace(IReadOnlyList<Node> parents, Value value)
    {
        var current = parents[^1];
        if (parents.Count < 2)
        {
            throw new HostError(current switch
            {
                Document => "expected to find document set, but was not enough parents",
                MapItem => "expected to find map, but was not enough parents",
                ArrayItem => "expected to find array, but was not enough parents",
                _ => $"expected to replace document value, map item or array item, but found {YamlModel.DebugName(current)}",
            });
        }
        var parent = parents[^2];
        switch (current)
        {
            case Document doc:
                {
                    List<Document> insert = value switch
                    {
                        ListValue or TupleValue => ((IIterable)value).Iterate().Select(v => new Document(NodeConversion.ToYaml(v))).ToList(),
                        YamlFragment { Node: DocumentSet ds } => [.. ((DocumentSet)ds.DeepCopy()).Items],
                        _ => throw new HostError($"expected value to be docset, but was {GoTypeNames.Of(value)}"),
                    };
                    Splice(((DocumentSet)parent).Items, doc, insert);
                    break;
                }
            case MapItem item:
                {
                    var map = (Map)parent;
                    bool carryMeta = false;
                    List<MapItem> insert;
                    if (value is YamlFragment { Node: Map fm })
                    {
                        insert = [.. ((Map)fm.DeepCopy()).Items];
                        carryMeta = true;
                    }
                    else if (value is DictValue or YttStruct)
                    {
                        insert = [.. ((Map)NodeConversion.ToYaml(value)!).Items];
                    }
                    else
                    {
                        throw new HostError($"expected value to be map, but was {GoTypeNames.Of(value)}");
                    }
                    foreach (var i in insert) ApplyOverride(map, i, carryMeta);
                    Splice(map.Items, item, insert);
                    break;
                }
            case ArrayItem item:
                {
                    List<ArrayItem> insert = value switch
                    {
                        ListValue or TupleValue => ((IIterable)value).Iterate().Select(v => new ArrayItem(NodeConversion.ToYaml(v))).ToList(),
                        YamlFragment { Node: YamlArray fa } => [.. ((YamlArray)fa.DeepCopy()).Items],
                        _ => throw new HostError($"expected value to be array, but was {GoTypeNames.Of(value)}"),
                    };
                    Splice(((YamlArray)parent).Items, item, insert);
                    break;
                }
            default:
                throw new HostError($"expected to replace document value, map item or array item, but found {YamlModel.DebugName(current)}");
        }
    }

    private static void Splice<T>(List<T> items, T current, List<T> insert)
        where T : class
    {
        int idx = items.FindIndex(i => ReferenceEquals(i, current));
        if (idx < 0) throw new HostError("expected to find placeholder in parent");
        items.RemoveAt(idx);
        items.InsertRange(idx, insert);
    }

    /// <inheritdoc/>
    public bool ShouldWrapRoot(Node node) => node is Document or MapItem or ArrayItem;

    /// <inheritdoc/>
    public Value WrapRoot(Node? root) => YamlFragment.Of(root!);

    /// <inheritdoc/>
    public void SetAnnotations(Node node, NodeAnnotations annotations) => node.Annotations = annotations;
}
