using System.Text;

namespace Hull.Starlark.Values;

/// <summary>An immutable arithmetic sequence, range(start, stop, step).</summary>
public sealed class RangeValue(long start, long stop, long step) : Value, ISliceable, ISequence, IContainer
{
    /// <summary>First value.</summary>
    public long Start { get; } = start;
    /// <summary>Exclusive bound.</summary>
    public long Stop { get; } = stop;
    /// <summary>Step (non-zero).</summary>
    public long Step { get; } = step;

    /// <inheritdoc/>
    public int Len
    {
        get
        {
            long n = Step > 0 ? (Stop - Start + Step - 1) / Step : (Start - Stop - Step - 1) / -Step;
            if (n <= 0) return 0;
            if (n > int.MaxValue) throw new EvalException("range: length overflows int");
            return (int)n;
        }
    }

    /// <inheritdoc/>
    public override string Type => "range";
    /// <inheritdoc/>
    public override bool Truth => Len > 0;
    /// <inheritdoc/>
    public override int Hash() => throw new EvalException("unhashable: range");
    /// <inheritdoc/>
    public Value Index(int i) => IntValue.Of(Start + i * Step);

    /// <inheritdoc/>
    public Value Slice(int start, int end, int step)
    {
        long newStart = Start + start * Step;
        long newStop = Start + end * Step;
        return new RangeValue(newStart, newStop, Step * step);
    }

    /// <inheritdoc/>
    public IEnumerable<Value> Iterate()
    {
        int n = Len;
        for (int i = 0; i < n; i++) yield return IntValue.Of(Start + i * Step);
    }

    /// <inheritdoc/>
    public bool Contains(Value y)
    {
        if (y is FloatValue fv)
        {
            if (!double.IsFinite(fv.Value) || Math.Floor(fv.Value) != fv.Value || Math.Abs(fv.Value) > long.MaxValue / 2) return false;
            y = IntValue.Of((long)fv.Value);
        }
        if (y is not IntValue iv) throw new EvalException($"'in <range>' requires integer as left operand, not {y.Type}");
        if (!iv.IsSmall) return false;
        long x = iv.Small;
        if (Step > 0 ? x < Start || x >= Stop : x > Start || x <= Stop) return false;
        return (x - Start) % Step == 0;
    }

    /// <inheritdoc/>
    public override void WriteRepr(StringBuilder sb)
    {
        sb.Append("range(");
        if (Start != 0 || Step != 1) sb.Append(Start).Append(", ");
        sb.Append(Stop);
        if (Step != 1) sb.Append(", ").Append(Step);
        sb.Append(')');
    }

    /// <inheritdoc/>
    public override bool EqualsSameType(Value other, int depth)
    {
        var o = (RangeValue)other;
        int n = Len;
        if (n != o.Len) return false;
        if (n == 0) return true;
        if (Start != o.Start) return false;
        return n == 1 || Step == o.Step;
    }
}
