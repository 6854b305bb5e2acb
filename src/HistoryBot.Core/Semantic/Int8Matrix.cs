using System.IO.MemoryMappedFiles;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace HistoryBot.Core.Semantic;

/// <summary>
/// Rows of int8 vector components with each row's inverse norm, either in pinned managed arrays (a store just built) or
/// memory-mapped from a store file (a store loaded: the operating system pages the rows in and out, the managed heap holds
/// none of them). Immutable once filled and thread-safe to read. A row's cosine to a unit query is
/// <c>Dot(query, row) · InverseNorm(row)</c>.
/// </summary>
internal sealed unsafe class Int8Matrix
{
    private readonly sbyte* _rows;
    private readonly float* _inverseNorms;

    // What keeps the memory alive: the pinned arrays, or the mapping's view (its handle unmaps when collected).
    private readonly object? _owner;
    private readonly MemoryMappedFile? _file;

    private Int8Matrix(sbyte* rows, float* inverseNorms, int count, int dimensions, object? owner, MemoryMappedFile? file)
    {
        _rows = rows;
        _inverseNorms = inverseNorms;
        Count = count;
        Dimensions = dimensions;
        _owner = owner;
        _file = file;
    }

    public int Count { get; }

    public int Dimensions { get; }

    /// <summary>Whether the rows are memory-mapped from a file rather than held in the managed heap.</summary>
    public bool IsMapped => _file is not null;

    /// <summary>Pinned, zeroed managed storage for <paramref name="count"/> rows, filled through <see cref="WritableRow"/>.</summary>
    public static Int8Matrix Allocate(int count, int dimensions)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        var rows = GC.AllocateArray<sbyte>(checked(count * dimensions), pinned: true);
        var norms = GC.AllocateArray<float>(count, pinned: true);
        return new Int8Matrix(
            (sbyte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(rows)),
            (float*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(norms)),
            count,
            dimensions,
            (rows, norms),
            null);
    }

    /// <summary>
    /// Maps the rows (at <paramref name="rowsOffset"/>) and the inverse norms (at <paramref name="normsOffset"/>) of an open,
    /// read-only file; the file stays mapped while this object is reachable, then the view's handle releases it.
    /// </summary>
    public static Int8Matrix Map(FileStream file, long rowsOffset, long normsOffset, int count, int dimensions)
    {
        var mapped = MemoryMappedFile.CreateFromFile(file, mapName: null, capacity: 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
        try
        {
            var view = mapped.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
            // No AcquirePointer: its reference would keep the view mapped forever. The pointer is valid while the view is
            // reachable, which every reader ensures with GC.KeepAlive(this).
            var start = (byte*)view.SafeMemoryMappedViewHandle.DangerousGetHandle() + view.PointerOffset;
            return new Int8Matrix((sbyte*)(start + rowsOffset), (float*)(start + normsOffset), count, dimensions, view, mapped);
        }
        catch
        {
            mapped.Dispose();
            throw;
        }
    }

    public ReadOnlySpan<sbyte> Row(int index)
    {
        if ((uint)index >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The matrix has {Count} rows.");
        }

        return new ReadOnlySpan<sbyte>(_rows + ((long)index * Dimensions), Dimensions);
    }

    public float InverseNorm(int index)
    {
        if ((uint)index >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The matrix has {Count} rows.");
        }

        return _inverseNorms[index];
    }

    /// <summary>The cosine of <paramref name="query"/> (a unit vector) to row <paramref name="index"/>'s direction.</summary>
    public float Cosine(ReadOnlySpan<float> query, int index)
    {
        var score = Int8Dot.Dot(query, Row(index)) * _inverseNorms[index];
        GC.KeepAlive(_owner);
        return score;
    }

    /// <summary>
    /// Asks the processor to start loading row <paramref name="index"/> into its caches (x86; elsewhere nothing): a search
    /// that scores scattered rows issues it a few rows ahead, so their loads overlap instead of each waiting on memory.
    /// </summary>
    public void Prefetch(int index)
    {
        if (!System.Runtime.Intrinsics.X86.Sse.IsSupported || (uint)index >= (uint)Count)
        {
            return;
        }

        var row = (byte*)(_rows + ((long)index * Dimensions));
        for (var offset = 0; offset < Dimensions; offset += 64)
        {
            System.Runtime.Intrinsics.X86.Sse.Prefetch0(row + offset);
        }

        System.Runtime.Intrinsics.X86.Sse.Prefetch0(row + Dimensions - 1);
        GC.KeepAlive(_owner);
    }

    /// <summary>Quantizes <paramref name="vector"/> into row <paramref name="index"/> of a matrix made by <see cref="Allocate"/>.</summary>
    public void SetRow(int index, ReadOnlySpan<float> vector)
    {
        var row = WritableRow(index);
        VectorQuantizer.QuantizeInt8(vector, row);
        _inverseNorms[index] = Int8Dot.InverseNorm(row);
    }

    /// <summary>Copies row <paramref name="sourceIndex"/> of <paramref name="source"/>, exactly, into row <paramref name="index"/>.</summary>
    public void CopyRow(int index, Int8Matrix source, int sourceIndex)
    {
        source.Row(sourceIndex).CopyTo(WritableRow(index));
        _inverseNorms[index] = source.InverseNorm(sourceIndex);
        GC.KeepAlive(source);
    }

    private Span<sbyte> WritableRow(int index)
    {
        if (IsMapped)
        {
            throw new InvalidOperationException("A memory-mapped matrix is read-only.");
        }

        if ((uint)index >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The matrix has {Count} rows.");
        }

        return new Span<sbyte>(_rows + ((long)index * Dimensions), Dimensions);
    }
}
