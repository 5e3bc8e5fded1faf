using Hull.Starlark.Syntax;

namespace Hull.Templating.Compilation;

/// <summary>
/// Applies ytt's context insertion at the text level: a fragment-building `def` gets a start_ctx line before its body,
/// a `return end_ctx()` line before its closing `end`, and its `return x` statements become `return end_ctx(x)`.
/// Inserted lines are generated code lines, so line mapping to the template stays exact.
/// </summary>
public static class FragmentFunctionRewriter
{
    /// <summary>Rewrites <paramref name="code"/> (one entry per generated line); returns the new lines.</summary>
    public static List<CodeLine> Rewrite(string file, List<CodeLine> code, InstructionSet ins)
    {
        var texts = CodeText.Lines(code);
        // Only `def` blocks can become fragment functions. Large templates are mostly node instructions outside any
        // def, so the analysis reads a copy of the program where everything outside def blocks is blanked (line
        // numbers and columns unchanged); templates whose code lines cannot be read one by one take the whole text.
        var analysed = DefRegionsOnly(file, code, texts);
        if (analysed is { Length: 0 }) return code;
        string program = analysed ?? string.Join("\n", texts);
        FileSyntax syntax;
        try
        {
            syntax = Parser.ParseFile(file, program, ParseOptions.Ytt);
        }
        catch (SyntaxError)
        {
            return code; // compiling the original code reports the error with the right position
        }
        var analysis = new ContextInserter(ins);
        analysis.Analyse(syntax);
        if (analysis.Functions.Count == 0) return code;

        var tokens = Tokens(file, program);
        var defEnds = DefEndLines(tokens);

        // Edits within lines first (columns refer to the unshifted lines), rightmost first.
        var edits = new List<(int Line, int Col, int RemoveLen, string Insert)>();
        foreach (var fn in analysis.Functions)
        {
            foreach (var r in fn.Returns)
            {
                int ti = tokens.FindIndex(t => t.Pos.Line == r.Pos.Line && t.Pos.Col == r.Pos.Col && t.Kind == TokenKind.Return);
                if (ti < 0) continue;
                if (r.Result is null)
                {
                    edits.Add((r.Pos.Line, r.Pos.Col, 6, $"return {ins.EndCtx}()"));
                    continue;
                }
                int last = ti + 1;
                int depth = 0;
                for (int k = ti + 1; k < tokens.Count; k++)
                {
                    var kind = tokens[k].Kind;
                    if (depth == 0 && kind is TokenKind.Newline or TokenKind.Eof or TokenKind.End or TokenKind.Semi) break;
                    if (kind is TokenKind.LParen or TokenKind.LBrack or TokenKind.LBrace) depth++;
                    if (kind is TokenKind.RParen or TokenKind.RBrack or TokenKind.RBrace) depth--;
                    last = k;
                }
                var lt = tokens[last];
                var (endLine, endCol) = EndOf(lt);
                edits.Add((endLine, endCol, 0, ")"));
                edits.Add((r.Pos.Line, r.Pos.Col, 6, $"return {ins.EndCtx}("));
            }
        }
        foreach (var e in edits.OrderByDescending(e => e.Line).ThenByDescending(e => e.Col))
        {
            string t = texts[e.Line - 1];
            int at = Math.Min(e.Col - 1, t.Length);
            texts[e.Line - 1] = t[..at] + e.Insert + t[Math.Min(at + e.RemoveLen, t.Length)..];
        }

        var result = new List<CodeLine>(code.Count + analysis.Functions.Count * 2);
        for (int i = 0; i < code.Count; i++)
        {
            // Batched lines are never edited (edits only touch user `return`s); their display text stays.
            result.Add(code[i].Instruction.Compiled is not null ? code[i] : code[i] with { Instruction = code[i].Instruction with { Code = texts[i] } });
        }

        var inserts = new List<(int BeforeLine, CodeLine Line)>();
        foreach (var fn in analysis.Functions)
        {
            if (!defEnds.TryGetValue(fn.Def.Pos.Line, out int endLine)) continue;
            int startLine = fn.Def.Body.Count > 0 ? fn.Def.Body[0].Pos.Line : endLine;
            if (startLine == fn.Def.Pos.Line) continue;
            // The start line borrows the source (or, for a generated line, the text) of the line it precedes, as ytt's
            // inserted statement takes that line's position: tracebacks into the function's entry read naturally.
            var next = code[startLine - 1];
            var startCtx = ins.NewStartCtx(fn.Dialect.Trim('"'));
            var start = new CodeLine(startCtx with { Code = next.Instruction.Code, Debug = next.Instruction.Debug, Compiled = startCtx.Code }, next.Source);
            inserts.Add((startLine, start));
            inserts.Add((endLine, new CodeLine(InstructionSet.NewCode($"return {ins.EndCtx}()"), null)));
        }
        foreach (var (before, line) in inserts.OrderByDescending(x => x.BeforeLine))
        {
            result.Insert(before - 1, line);
        }
        return result;
    }

    /// <summary>
    /// The program with every line outside `def` blocks emptied (set_ctx_type lines kept: they tell the analysis the
    /// dialect); "" when there is no def at all; null when a user code line does not scan on its own (a string
    /// spanning lines), in which case the caller analyses the whole program.
    /// </summary>
    private static string? DefRegionsOnly(string file, List<CodeLine> code, List<string> texts)
    {
        var keep = new bool[code.Count];
        int depth = 0, regionDepth = -1;
        bool anyDef = false;
        for (int i = 0; i < code.Count; i++)
        {
            var op = code[i].Instruction.Op;
            if (op == InstructionOp.SetCtxType)
            {
                keep[i] = true;
            }
            if (op != InstructionOp.Code)
            {
                keep[i] |= regionDepth >= 0;
                continue;
            }
            var (first, opensBlock, ok) = Shape(file, texts[i]);
            if (!ok) return null;
            if (first == TokenKind.Def && regionDepth < 0)
            {
                regionDepth = depth;
                anyDef = true;
            }
            keep[i] |= regionDepth >= 0;
            if (opensBlock && first is TokenKind.Def or TokenKind.If or TokenKind.For or TokenKind.While)
            {
                depth++;
            }
            else if (first == TokenKind.End && depth > 0)
            {
                depth--;
                if (depth == regionDepth) regionDepth = -1;
            }
        }
        if (!anyDef) return "";
        var sb = new System.Text.StringBuilder();
        for (int i = 0; i < texts.Count; i++)
        {
            if (i > 0) sb.Append('\n');
            if (keep[i]) sb.Append(texts[i]);
        }
        return sb.ToString();
    }

    // The first token of one code line and whether the line ends with the colon that opens a block.
    private static (TokenKind First, bool OpensBlock, bool Ok) Shape(string file, string line)
    {
        if (line.EndsWith('\\')) return (TokenKind.Eof, false, false);
        try
        {
            var sc = new Scanner(file, line, true);
            var first = sc.Next();
            var last = first;
            for (var t = first; t.Kind is not (TokenKind.Newline or TokenKind.Eof); t = sc.Next())
            {
                last = t;
            }
            return (first.Kind, last.Kind == TokenKind.Colon, true);
        }
        catch (SyntaxError)
        {
            return (TokenKind.Eof, false, false);
        }
    }

    private static (int Line, int Col) EndOf(Token t)
    {
        int nl = t.Raw.LastIndexOf('\n');
        return nl < 0 ? (t.Pos.Line, t.Pos.Col + t.Raw.Length) : (t.Pos.Line + t.Raw.Count(c => c == '\n'), t.Raw.Length - nl);
    }

    private static List<Token> Tokens(string file, string src)
    {
        var list = new List<Token>();
        var sc = new Scanner(file, src, true);
        while (true)
        {
            var t = sc.Next();
            list.Add(t);
            if (t.Kind == TokenKind.Eof) break;
        }
        return list;
    }

    /// <summary>Maps each block `def` line to the line of the `end` closing it.</summary>
    private static Dictionary<int, int> DefEndLines(List<Token> tokens)
    {
        var result = new Dictionary<int, int>();
        var stack = new Stack<(bool IsDef, int Line)>();
        bool atStart = true;
        for (int i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (t.Kind == TokenKind.Newline) { atStart = true; continue; }
            if (!atStart) continue;
            atStart = false;
            switch (t.Kind)
            {
                case TokenKind.Def or TokenKind.If or TokenKind.For or TokenKind.While:
                    {
                        int colon = SeekColon(tokens, i);
                        if (colon < 0) return result;
                        bool block = colon + 1 < tokens.Count && tokens[colon + 1].Kind == TokenKind.Newline;
                        if (block) stack.Push((t.Kind == TokenKind.Def, t.Pos.Line));
                        i = colon;
                        break;
                    }
                case TokenKind.Elif or TokenKind.Else:
                    {
                        int colon = SeekColon(tokens, i);
                        if (colon < 0) return result;
                        i = colon;
                        break;
                    }
                case TokenKind.End:
                    if (stack.Count > 0)
                    {
                        var f = stack.Pop();
                        if (f.IsDef) result[f.Line] = t.Pos.Line;
                    }
                    break;
            }
        }
        return result;
    }

    private static int SeekColon(List<Token> tokens, int from)
    {
        int depth = 0;
        for (int k = from + 1; k < tokens.Count; k++)
        {
            var kind = tokens[k].Kind;
            if (kind is TokenKind.LParen or TokenKind.LBrack or TokenKind.LBrace) depth++;
            else if (kind is TokenKind.RParen or TokenKind.RBrack or TokenKind.RBrace) depth--;
            else if (kind == TokenKind.Colon && depth == 0) return k;
            else if (kind is TokenKind.Newline or TokenKind.Eof) return -1;
        }
        return -1;
    }
}

/// <summary>ytt's CodeAsString: lines joined by newlines, leading whitespace trimmed except on backslash continuations.</summary>
public static class CodeText
{
    /// <summary>The per-line texts.</summary>
    public static List<string> Lines(IReadOnlyList<CodeLine> code)
    {
        var result = new List<string>(code.Count);
        bool cont = false;
        foreach (var line in code)
        {
            string src = line.Instruction.Compiled ?? line.Instruction.Code;
            if (!cont) src = src.TrimStart();
            cont = src.EndsWith('\\');
            result.Add(src);
        }
        return result;
    }

    /// <summary>The whole program text.</summary>
    public static string Join(IReadOnlyList<CodeLine> code) => string.Join("\n", Lines(code));
}
