using System.Globalization;
using System.Threading;

namespace Hull.Templating.Compilation;

/// <summary>The host functions one compiled template calls, named uniquely per template (ytt's `__ytt_tplN_*`).</summary>
public sealed class InstructionSet
{
    private static int s_lastId = 1;

    /// <summary>Creates a set with a fresh numeric id.</summary>
    public InstructionSet()
    {
        Id = Interlocked.Increment(ref s_lastId);
        string p = "__ytt_tpl" + Id.ToString(CultureInfo.InvariantCulture) + "_";
        SetCtxType = p + "set_ctx_type";
        StartCtx = p + "start_ctx";
        EndCtx = p + "end_ctx";
        StartNodeAnnotation = p + "start_node_annotation";
        CollectNodeAnnotation = p + "collect_node_annotation";
        StartNode = p + "start_node";
        SetNode = p + "set_node";
        SetMapItemKey = p + "set_map_item_key";
        ReplaceNode = p + "replace_node";
        Nodes = p + "nodes";
    }

    /// <summary>The numeric id in the generated names.</summary>
    public int Id { get; }

    /// <summary>Name of set_ctx_type.</summary>
    public string SetCtxType { get; }
    /// <summary>Name of start_ctx.</summary>
    public string StartCtx { get; }
    /// <summary>Name of end_ctx.</summary>
    public string EndCtx { get; }
    /// <summary>Name of start_node_annotation.</summary>
    public string StartNodeAnnotation { get; }
    /// <summary>Name of collect_node_annotation.</summary>
    public string CollectNodeAnnotation { get; }
    /// <summary>Name of start_node.</summary>
    public string StartNode { get; }
    /// <summary>Name of set_node.</summary>
    public string SetNode { get; }
    /// <summary>Name of set_map_item_key.</summary>
    public string SetMapItemKey { get; }
    /// <summary>Name of replace_node (template.replace).</summary>
    public string ReplaceNode { get; }

    /// <summary>Name of nodes(batch): runs a batch of plain start_node/set_node instructions.</summary>
    public string Nodes { get; }

    /// <summary>The batches of plain node instructions: a tag to start, or the complement (~tag) to keep a node's value.</summary>
    public List<int[]> Batches { get; } = [];

    /// <summary>`set_ctx_type("dialect")`.</summary>
    public Instruction NewSetCtxType(string dialect) => new(InstructionOp.SetCtxType, $"{SetCtxType}(\"{dialect}\")");

    /// <summary>`start_ctx("dialect")`.</summary>
    public Instruction NewStartCtx(string dialect) => new(InstructionOp.StartCtx, $"{StartCtx}(\"{dialect}\")");

    /// <summary>`end_ctx()`.</summary>
    public Instruction NewEndCtx() => new(InstructionOp.EndCtx, $"{EndCtx}()");

    /// <summary>`end_ctx(None)`.</summary>
    public Instruction NewEndCtxNone() => new(InstructionOp.EndCtx, $"{EndCtx}(None)");

    /// <summary>`start_node_annotation(tag, "name", collect_node_annotation(content))`.</summary>
    public Instruction NewStartNodeAnnotation(int tag, string name, string content) =>
        new(InstructionOp.StartNodeAnnotation, $"{StartNodeAnnotation}({Tag(tag)}, \"{name}\", {CollectNodeAnnotation}({content}))");

    /// <summary>`start_node(tag)`.</summary>
    public Instruction NewStartNode(int tag) => new(InstructionOp.StartNode, string.Create(CultureInfo.InvariantCulture, $"{StartNode}({tag})")) { Tag = tag };

    /// <summary>`set_node(tag)`: keep the node's own value.</summary>
    public Instruction NewSetNode(int tag) => new(InstructionOp.SetNode, string.Create(CultureInfo.InvariantCulture, $"{SetNode}({tag})")) { Tag = tag };

    /// <summary>`set_node(tag, (code))`.</summary>
    public Instruction NewSetNodeValue(int tag, string code) => new(InstructionOp.SetNode, string.Create(CultureInfo.InvariantCulture, $"{SetNode}({tag}, ({code}))"));

    /// <summary>`set_map_item_key(tag, (code))`.</summary>
    public Instruction NewSetMapItemKey(int tag, string code) => new(InstructionOp.SetMapItemKey, $"{SetMapItemKey}({Tag(tag)}, ({code}))");

    /// <summary>A user's code line, verbatim.</summary>
    public static Instruction NewCode(string code) => new(InstructionOp.Code, code);

    private static string Tag(int tag) => tag.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Which host function an instruction calls.</summary>
public enum InstructionOp
{
    /// <summary>User code.</summary>
    Code,
    /// <summary>set_ctx_type.</summary>
    SetCtxType,
    /// <summary>start_ctx.</summary>
    StartCtx,
    /// <summary>end_ctx.</summary>
    EndCtx,
    /// <summary>start_node_annotation.</summary>
    StartNodeAnnotation,
    /// <summary>start_node.</summary>
    StartNode,
    /// <summary>set_node.</summary>
    SetNode,
    /// <summary>set_map_item_key.</summary>
    SetMapItemKey,
}

/// <summary>One generated line of Starlark code.</summary>
public readonly record struct Instruction(InstructionOp Op, string Code)
{
    /// <summary>ytt's debug note on the line (`*yamlmeta.MapItem key=x`), shown in errors but not compiled.</summary>
    public string? Debug { get; init; }

    /// <summary>What the compiled program holds on this line when it differs from <see cref="Code"/> (batched node
    /// instructions: the batch call on its first line, nothing on the others).</summary>
    public string? Compiled { get; init; }

    /// <summary>The node tag of a start_node or set_node instruction.</summary>
    public int Tag { get; init; }

    /// <summary>The batch this instruction runs in, or -1 (see <see cref="InstructionBatcher"/>).</summary>
    public int Batch { get; init; } = -1;

    /// <summary>The instruction's index within its batch.</summary>
    public int BatchOp { get; init; }

    /// <summary>The line as ytt shows generated code: the code, then the debug note as a comment.</summary>
    public string Display => Debug is null ? Code : Code + " # " + Debug;

    /// <summary>Attaches ytt's debug note. Kept out of <see cref="Code"/> so the compiled program stays small.</summary>
    public Instruction WithDebug(string info) => this with { Debug = info };
}
