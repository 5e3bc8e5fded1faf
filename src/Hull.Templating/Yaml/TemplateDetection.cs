using Hull.Yaml;

namespace Hull.Templating.Yaml;

/// <summary>
/// Whether a parsed YAML file is a template. As in ytt, a YAML file none of whose nodes carries a `#@` comment is plain
/// YAML: it is not compiled, so ordinary `#` comments in it are not errors.
/// </summary>
public static class TemplateDetection
{
    /// <summary>True when any node of <paramref name="set"/> has a `#@` comment.</summary>
    public static bool HasTemplating(DocumentSet set)
    {
        // An explicit stack: nesting is bounded by the parser, but the walk must not depend on the thread's stack.
        var pending = new Stack<Node>();
        pending.Push(set);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            foreach (var c in node.Comments)
            {
                if (c.Kind == CommentKind.Code) return true;
            }

            switch (node)
            {
                case DocumentSet ds:
                    foreach (var d in ds.Items) pending.Push(d);
                    break;
                case Map m:
                    foreach (var i in m.Items) pending.Push(i);
                    break;
                case YamlArray a:
                    foreach (var i in a.Items) pending.Push(i);
                    break;
                default:
                    if (YamlModel.HoldsValue(node) && YamlModel.ValueOf(node) is Node child) pending.Push(child);
                    break;
            }
        }

        return false;
    }
}
