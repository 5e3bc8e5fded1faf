using Hull.Templating.Compilation;

namespace Hull.Templating.Text;

/// <summary>Compiles text template pieces to code lines: text becomes start/set node calls, code is copied.</summary>
public static class TextTemplateCompiler
{
    /// <summary>The dialect name of text contexts.</summary>
    public const string Dialect = "text";

    /// <summary>Compiles pieces of <paramref name="file"/>; the last line is always `end_ctx()`.</summary>
    public static List<CodeLine> Compile(List<TextPiece> pieces, string file, InstructionSet ins, NodeTable nodes)
    {
        var code = new List<CodeLine>();
        int rootTag = nodes.Add(new TextRootNode(), NodeTable.RootTag);
        code.Add(new CodeLine(ins.NewSetCtxType(Dialect), null));
        code.Add(new CodeLine(ins.NewStartCtx(Dialect), null));
        code.Add(new CodeLine(ins.NewStartNode(rootTag), null));

        bool trimNext = false;
        for (int i = 0; i < pieces.Count; i++)
        {
            var piece = pieces[i];
            if (!piece.IsCode)
            {
                if (trimNext)
                {
                    piece.Content = piece.Content.TrimStart();
                    trimNext = false;
                }
                int tag = nodes.Add(piece, rootTag);
                var src = new SourceLine(file, piece.Line, piece.Content);
                code.Add(new CodeLine(ins.NewStartNode(tag), src));
                code.Add(new CodeLine(ins.NewSetNode(tag), src));
                continue;
            }

            trimNext = piece.TrimRight;
            if (piece.TrimLeft && i != 0 && !pieces[i - 1].IsCode)
            {
                pieces[i - 1].Content = pieces[i - 1].Content.TrimEnd();
            }
            var codeSrc = new SourceLine(file, piece.Line, piece.Content);
            if (piece.Prints)
            {
                int tag = nodes.Add(new TextPiece(false, piece.Line, ""), rootTag);
                code.Add(new CodeLine(ins.NewStartNode(tag), codeSrc));
                code.Add(new CodeLine(ins.NewSetNodeValue(tag, piece.Code), codeSrc));
            }
            else
            {
                string[] lines = piece.Code.Split('\n');
                for (int l = 0; l < lines.Length; l++)
                {
                    code.Add(new CodeLine(InstructionSet.NewCode(lines[l]), new SourceLine(file, piece.Line + l, lines[l])));
                }
            }
        }
        code.Add(new CodeLine(ins.NewEndCtx(), null));
        return code;
    }
}
