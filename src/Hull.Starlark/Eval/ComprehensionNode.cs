using Hull.Starlark.Syntax;
using Hull.Starlark.Values;

namespace Hull.Starlark.Eval;

internal abstract class ClauseNode(Position pos)
{
    public readonly Position Pos = pos;
}

internal sealed class ForClauseNode(Position pos, Target vars, XNode x) : ClauseNode(pos)
{
    public readonly Target Vars = vars;
    public readonly XNode X = x;
}

internal sealed class IfClauseNode(Position pos, XNode cond) : ClauseNode(pos)
{
    public readonly XNode Cond = cond;
}

internal sealed class ComprehensionNode(Position pos, bool curly, XNode body, XNode? value, ClauseNode[] clauses) : XNode(pos)
{
    public override Value Eval(Frame f)
    {
        if (curly)
        {
            var d = new DictValue();
            Run(f, 0, d, null);
            return d;
        }
        var l = new List<Value>();
        Run(f, 0, null, l);
        return new ListValue(l);
    }

    private void Run(Frame f, int i, DictValue? d, List<Value>? l)
    {
        if (i == clauses.Length)
        {
            if (l != null) l.Add(body.Eval(f));
            else
            {
                var k = body.Eval(f);
                var v = value!.Eval(f);
                try
                {
                    d!.Table.Set(k, v);
                }
                catch (EvalException e) when (Positions.Mark(e, body.Pos))
                {
                    throw;
                }
            }
            return;
        }
        switch (clauses[i])
        {
            case IfClauseNode c:
                if (c.Cond.Eval(f).Truth) Run(f, i + 1, d, l);
                return;
            case ForClauseNode fc:
                {
                    var x = fc.X.Eval(f);
                    var t = f.Thread;
                    if (x is ListValue list)
                    {
                        list.BeginIteration();
                        try
                        {
                            for (int j = 0; j < list.Items.Count; j++)
                            {
                                t.Step();
                                fc.Vars.Assign(f, list.Items[j]);
                                Run(f, i + 1, d, l);
                            }
                        }
                        finally
                        {
                            list.EndIteration();
                        }
                        return;
                    }
                    if (x is not IIterable it) throw Err(fc.X.Pos, $"{x.Type} value is not iterable");
                    foreach (var v in it.Iterate())
                    {
                        t.Step();
                        fc.Vars.Assign(f, v);
                        Run(f, i + 1, d, l);
                    }
                    return;
                }
        }
    }
}
