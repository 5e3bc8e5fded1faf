using System.Text;

namespace Hull.Yaml;

/// <summary>ytt's `-o pos`: every node with its source position in a right-aligned column.</summary>
public sealed class PositionPrinter
{
    private readonly StringBuilder _out = new();
    private int _width;

    /// <summary>Prints the non-empty, non-injected documents as ytt's `-o pos` does.</summary>
    public static string PrintDocuments(IEnumerable<Document> documents)
    {
        var p = new PositionPrinter();
        foreach (var doc in documents)
        {
            if (!doc.Injected && !doc.IsEmpty)
            {
                p.Print(doc, "");
            }
        }

        return p._out.ToString();
    }

    private void Print(object? value, string indent)
    {
        NestingLimit.EnsureStack();
        switch (value)
        {
            case DocumentSet ds:
                _out.Append(LineStr(ds.Position)).Append(indent).Append("[docset]\n");
                foreach (var d in ds.Items)
                {
                    Print(d, indent + "  ");
                }

                break;
            case Document d:
                _out.Append(LineStr(d.Position)).Append(indent).Append("[doc]\n");
                Print(d.Value, indent + "  ");
                break;
            case Map m:
                foreach (var item in m.Items)
                {
                    var key = GoFormat.PercentS(item.Key);
                    if (item.Value is Node || YamlEmitter.FormatScalar(item.Value).Contains('\n'))
                    {
                        _out.Append(LineStr(item.Position)).Append(indent).Append(key).Append(":\n");
                        Print(item.Value, indent + "  ");
                    }
                    else
                    {
                        _out.Append(LineStr(item.Position)).Append(indent).Append(key).Append(": ").Append(YamlEmitter.FormatScalar(item.Value)).Append('\n');
                    }
                }

                break;
            case YamlArray a:
                for (var i = 0; i < a.Items.Count; i++)
                {
                    var item = a.Items[i];
                    if (item.Value is Node || YamlEmitter.FormatScalar(item.Value).Contains('\n'))
                    {
                        _out.Append(LineStr(item.Position)).Append(indent).Append('[').Append(i).Append("]\n");
                        Print(item.Value, indent + "  ");
                    }
                    else
                    {
                        _out.Append(LineStr(item.Position)).Append(indent).Append('[').Append(i).Append("] ").Append(YamlEmitter.FormatScalar(item.Value)).Append('\n');
                    }
                }

                break;
            default:
                _out.Append(Pad("")).Append(indent).Append(YamlEmitter.FormatScalar(value)).Append('\n');
                break;
        }
    }

    private string LineStr(Position pos) => pos.IsKnown ? Pad(pos.AsCompactString()) : "";

    private string Pad(string s)
    {
        if (s.Length > _width)
        {
            _width = s.Length + 10;
        }

        return s.PadLeft(_width) + " | ";
    }
}
