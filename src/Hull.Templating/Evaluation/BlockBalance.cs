using Hull.Starlark.Syntax;

namespace Hull.Templating.Evaluation;

/// <summary>Finds the first block opening (if/for/def/while) that no `end` closes, for ytt's "mismatched set of block openings" message.</summary>
public static class BlockBalance
{
    /// <summary>The line of the outermost unclosed block in <paramref name="code"/>, or 0.</summary>
    public static int FirstUnclosed(string file, string code)
    {
        var stack = new Stack<int>();
        var sc = new Scanner(file, code, true);
        bool atStart = true;
        var tokens = new List<Token>();
        try
        {
            while (true)
            {
                var t = sc.Next();
                tokens.Add(t);
                if (t.Kind == TokenKind.Eof) break;
            }
        }
        catch (SyntaxError)
        {
            return 0;
        }
        for (int i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (t.Kind == TokenKind.Newline) { atStart = true; continue; }
            if (!atStart) continue;
            atStart = false;
            if (t.Kind is TokenKind.Def or TokenKind.If or TokenKind.For or TokenKind.While)
            {
                int depth = 0, k = i + 1;
                for (; k < tokens.Count; k++)
                {
                    var kind = tokens[k].Kind;
                    if (kind is TokenKind.LParen or TokenKind.LBrack or TokenKind.LBrace) depth++;
                    else if (kind is TokenKind.RParen or TokenKind.RBrack or TokenKind.RBrace) depth--;
                    else if ((kind == TokenKind.Colon && depth == 0) || kind is TokenKind.Newline or TokenKind.Eof) break;
                }
                if (k + 1 < tokens.Count && tokens[k].Kind == TokenKind.Colon && tokens[k + 1].Kind == TokenKind.Newline) stack.Push(t.Pos.Line);
                i = k;
            }
            else if (t.Kind == TokenKind.End && stack.Count > 0)
            {
                stack.Pop();
            }
        }
        return stack.Count > 0 ? stack.Last() : 0;
    }
}
