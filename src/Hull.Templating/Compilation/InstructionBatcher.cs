using System.Globalization;

namespace Hull.Templating.Compilation;

/// <summary>
/// Large templates are mostly plain node instructions (start_node(tag), set_node(tag) without a computed value) in
/// runs between lines of user code. Each run becomes one call of nodes(batch) on its first line, the other lines of
/// the run left empty, so the Starlark program to scan, parse, compile and dispatch shrinks to the user's code. Every
/// instruction keeps its own line: errors still point at it and show its original text.
/// </summary>
public static class InstructionBatcher
{
    /// <summary>Batches the runs of lines whose indices are in <paramref name="plain"/> (sorted ascending).</summary>
    public static void Batch(List<CodeLine> code, IReadOnlyList<int> plain, InstructionSet ins)
    {
        int k = 0;
        while (k < plain.Count)
        {
            int start = k;
            while (k + 1 < plain.Count && plain[k + 1] == plain[k] + 1)
            {
                k++;
            }

            int first = plain[start], count = k - start + 1;
            k++;
            if (count < 2)
            {
                continue;
            }

            int id = ins.Batches.Count;
            var ops = new int[count];
            for (int i = 0; i < count; i++)
            {
                var line = code[first + i];
                var instr = line.Instruction;
                ops[i] = instr.Op == InstructionOp.StartNode ? instr.Tag : ~instr.Tag;
                string compiled = i == 0 ? string.Create(CultureInfo.InvariantCulture, $"{ins.Nodes}({id})") : "";
                code[first + i] = line with { Instruction = instr with { Compiled = compiled, Batch = id, BatchOp = i } };
            }

            ins.Batches.Add(ops);
        }
    }
}
