using Hull.Templating.Compilation;
using Hull.Templating.Evaluation;
using Hull.Templating.Text;
using Hull.Yaml;

namespace Hull.Templating.Yaml;

/// <summary>Compiles a parsed YAML template into code lines: `#@` code verbatim, every node a start_node call, values set_node calls.</summary>
public sealed class YamlTemplateCompiler
{
    /// <summary>The dialect name of YAML contexts.</summary>
    public const string Dialect = "yaml";

    /// <summary>Annotation turning on `(@= @)` in strings.</summary>
    public const string TextTemplatedStrings = "yaml/text-templated-strings";

    private readonly string _file;
    private readonly string[] _sourceLines;
    private readonly TemplateOptions _options;
    private readonly InstructionSet _ins;
    private readonly NodeTable _nodes;
    private SourceLine?[]? _sources;
    private readonly List<int> _plain = []; // indices of plain start_node/set_node lines

    private YamlTemplateCompiler(string file, string source, TemplateOptions options, InstructionSet ins, NodeTable nodes)
    {
        _file = file;
        _sourceLines = source.Split('\n');
        _options = options;
        _ins = ins;
        _nodes = nodes;
    }

    /// <summary>Compiles a document set (parsed from <paramref name="source"/>) of template <paramref name="file"/>.</summary>
    public static CompiledTemplate Compile(string file, string source, DocumentSet docSet, TemplateOptions options)
    {
        var ins = new InstructionSet();
        var nodes = new NodeTable();
        var c = new YamlTemplateCompiler(file, source, options, ins, nodes);
        var code = new List<CodeLine>
        {
            new(ins.NewSetCtxType(Dialect), null),
            new(ins.NewStartCtx(Dialect), null),
        };
        c.Build(docSet, null, NodeTable.RootTag, false, code);
        code.Add(new CodeLine(ins.NewEndCtxNone(), null));
        InstructionBatcher.Batch(code, c._plain, ins);
        return new CompiledTemplate(file, code, ins, nodes, options);
    }

    private void Build(object? nodeOrScalar, Node? parent, int parentTag, bool textTemplated, List<CodeLine> code)
    {
        if (nodeOrScalar is not Node node)
        {
            if (nodeOrScalar is string s && textTemplated)
            {
                BuildString(s, parent!, parentTag, (tag, c) => _ins.NewSetNodeValue(tag, c), code);
                return;
            }
            _plain.Add(code.Count);
            code.Add(new CodeLine(_ins.NewSetNode(parentTag).WithDebug(YamlModel.DebugName(parent!)), Source(parent!.Position.Line)));
            return;
        }

        bool hasValue = YamlModel.HoldsValue(node) ? YamlModel.ValueOf(node) is not null : node switch
        {
            DocumentSet ds => ds.Items.Count > 0,
            Map m => m.Items.Count > 0,
            YamlArray a => a.Items.Count > 0,
            _ => false,
        };
        int nodeLine = node.Position.Line;
        var metas = Metas.Extract(node.Comments, nodeLine, hasValue, _options.IgnoreUnknownComments, _file);
        int tag = _nodes.Add(node, parentTag);

        foreach (var a in metas.Annotations)
        {
            if (a.Name == TextTemplatedStrings) textTemplated = true;
        }

        foreach (var blk in metas.Blocks)
        {
            code.Add(new CodeLine(InstructionSet.NewCode(blk.Data), Source(blk.Line)));
        }
        foreach (var a in metas.Annotations)
        {
            code.Add(new CodeLine(_ins.NewStartNodeAnnotation(tag, a.Name, a.Content).WithDebug(YamlModel.DebugName(node)), Source(a.Line)));
        }

        if (textTemplated && node is MapItem { Key: string key })
        {
            BuildString(key, node, tag, (t, c) => _ins.NewSetMapItemKey(t, c), code);
        }

        _plain.Add(code.Count);
        code.Add(new CodeLine(_ins.NewStartNode(tag).WithDebug(YamlModel.DebugName(node)), Source(nodeLine)));

        if (metas.Values.Count > 0)
        {
            foreach (var v in metas.Values)
            {
                code.Add(new CodeLine(_ins.NewSetNodeValue(tag, v.Data).WithDebug(YamlModel.DebugName(node)), Source(v.Line)));
            }
        }
        else
        {
            switch (node)
            {
                case DocumentSet ds:
                    foreach (var child in ds.Items) Build(child, node, tag, textTemplated, code);
                    break;
                case Map m:
                    foreach (var child in m.Items) Build(child, node, tag, textTemplated, code);
                    break;
                case YamlArray a:
                    foreach (var child in a.Items) Build(child, node, tag, textTemplated, code);
                    break;
                default:
                    Build(YamlModel.ValueOf(node), node, tag, textTemplated, code);
                    break;
            }
        }

        for (int i = 0; i < (metas.NeedsEnds > 0 ? 1 : 0); i++)
        {
            code.Add(new CodeLine(InstructionSet.NewCode("end"), null));
        }
    }

    private void BuildString(string val, Node node, int tag, Func<int, string, Instruction> instruction, List<CodeLine> code)
    {
        int line = node.Position.Line;
        var pieces = TextTemplateParser.Parse(val, line > 0 ? line : 1);
        var text = TextTemplateCompiler.Compile(pieces, _file, _ins, _nodes);
        var last = text[^1];
        text[^1] = new CodeLine(instruction(tag, last.Instruction.Code).WithDebug(YamlModel.DebugName(node)), Source(line));
        text.Add(new CodeLine(_ins.NewSetCtxType(Dialect), null));
        foreach (var l in text)
        {
            if (l.Source is { } src)
            {
                var full = Source(src.Line) ?? src;
                code.Add(l with { Source = full with { Selection = src } });
            }
            else
            {
                code.Add(l);
            }
        }
    }

    // One SourceLine per template line, shared by the code lines generated from it.
    private SourceLine? Source(int line)
    {
        if (line <= 0 || line > _sourceLines.Length)
        {
            return null;
        }

        _sources ??= new SourceLine?[_sourceLines.Length + 1];
        return _sources[line] ??= new SourceLine(_file, line, _sourceLines[line - 1].TrimEnd('\r'));
    }
}
