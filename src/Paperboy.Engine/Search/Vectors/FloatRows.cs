using System.Diagnostics;
using System.Globalization;
using System.IO.MemoryMappedFiles;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Paperboy.Search.Vectors;

/// <summary>The exact float vectors of an index by row: in memory, or in a scratch file that rescoring reads through a mapping.</summary>
/// <remarks>
/// The file keeps a million 384-dimensional vectors (1.5 GB) out of the process: a search reads only the few
/// hundred rows it rescores, and the operating system's file cache, not the process, holds what is hot.
/// Rows are written to the file with ordinary writes (so a full disk is an <see cref="IOException"/>) and read
/// through a read-only mapping of it, which costs no system call per row.
/// The file is private to one index and deleted when the index is disposed.
/// </remarks>
internal sealed unsafe class FloatRows : IDisposable
{
    /// <summary>Rows the first mapping of a file covers at least; each new mapping at least doubles it.</summary>
    private const long SmallestMapping = 4_096;

    private readonly int _dimension;
    private readonly SafeFileHandle? _file;
    private float[] _memory;
    private MemoryMappedFile? _mapping;
    private MemoryMappedViewAccessor? _view;
    private float* _mapped;
    private long _mappedRows;

    private FloatRows(int dimension, SafeFileHandle? file)
    {
        _dimension = dimension;
        _file = file;
        _memory = file is null ? new float[dimension * 64] : [];
    }

    public static FloatRows InMemory(int dimension) => new(dimension, null);

    /// <summary>Rows in a new scratch file in <paramref name="folder"/>, named after <paramref name="modelName"/>.</summary>
    public static FloatRows InFile(int dimension, string folder, string modelName)
    {
        try
        {
            Directory.CreateDirectory(folder);
            RemoveOrphans(folder);
            var path = Path.Combine(folder, $"vectors-{modelName}-{Environment.ProcessId}-{Guid.NewGuid():N}.f32");
            var file = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, FileOptions.DeleteOnClose);
            return new FloatRows(dimension, file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"{folder}: cannot create the vector file of {modelName}: {e.Message}", e);
        }
    }

    /// <summary>Deletes the scratch files of processes that no longer run (killed before they could delete their own).</summary>
    /// <remarks>Files are named <c>vectors-MODEL-PID-GUID.f32</c>; another live process's files are left alone.</remarks>
    private static void RemoveOrphans(string folder)
    {
        foreach (var path in Directory.EnumerateFiles(folder, "vectors-*.f32"))
        {
            var parts = Path.GetFileNameWithoutExtension(path).Split('-');
            if (parts.Length >= 4 && int.TryParse(parts[^2], CultureInfo.InvariantCulture, out var processId) && !IsRunning(processId))
            {
                try
                {
                    File.Delete(path);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Another process removing the same orphan, or a file still held: it is not ours to insist on.
                }
            }
        }
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The first <paramref name="rows"/> rows moved into a new scratch file; these in-memory rows are dropped.</summary>
    public FloatRows MoveToFile(int rows, string folder, string modelName)
    {
        var moved = InFile(_dimension, folder, modelName);
        try
        {
            RandomAccess.Write(moved._file!, MemoryMarshal.AsBytes(_memory.AsSpan(0, rows * _dimension)), 0);
            moved.Map(rows);
        }
        catch
        {
            moved.Dispose();
            throw;
        }

        _memory = [];
        return moved;
    }

    /// <summary>True when the rows live in a file rather than in the process.</summary>
    public bool InFileStorage => _file is not null;

    /// <summary>Bytes held in the process for the rows.</summary>
    public long MemoryBytes => (long)_memory.Length * sizeof(float);

    /// <summary>Stores the vector of <paramref name="row"/> (one writer at a time, and no reader meanwhile: the mapping may move).</summary>
    public void Write(int row, ReadOnlySpan<float> vector)
    {
        if (_file is not null)
        {
            RandomAccess.Write(_file, MemoryMarshal.AsBytes(vector[.._dimension]), Offset(row));
            if (row >= _mappedRows)
            {
                Map(row + 1);
            }

            return;
        }

        var end = (row + 1) * _dimension;
        if (end > _memory.Length)
        {
            Array.Resize(ref _memory, Math.Max(end, _memory.Length * 2));
        }

        vector.CopyTo(_memory.AsSpan(row * _dimension, _dimension));
    }

    /// <summary>Reads the vector of <paramref name="row"/> into <paramref name="vector"/> (safe from many threads).</summary>
    public void Read(int row, Span<float> vector) => View(row).CopyTo(vector);

    /// <summary>The row in place, valid until the next write (readers and the writer take turns under the index's lock).</summary>
    public ReadOnlySpan<float> View(int row)
    {
        if (_file is null)
        {
            return _memory.AsSpan(row * _dimension, _dimension);
        }

        if ((uint)row >= (ulong)_mappedRows)
        {
            throw new ArgumentOutOfRangeException(nameof(row), row, $"the vector file holds {_mappedRows} rows.");
        }

        return new ReadOnlySpan<float>(_mapped + Offset(row) / sizeof(float), _dimension);
    }

    public void Dispose()
    {
        Unmap();
        _file?.Dispose();
    }

    /// <summary>Maps the file anew, read-only, over at least <paramref name="rows"/> rows (the file grows to match).</summary>
    private void Map(long rows)
    {
        var capacity = Math.Max(rows, Math.Max(SmallestMapping, _mappedRows * 2));
        var mapping = MemoryMappedFile.CreateFromFile(_file!, null, capacity * _dimension * sizeof(float), MemoryMappedFileAccess.ReadWrite,
            HandleInheritability.None, leaveOpen: true);
        try
        {
            var view = mapping.CreateViewAccessor(0, capacity * _dimension * sizeof(float), MemoryMappedFileAccess.Read);
            byte* start = null;
            view.SafeMemoryMappedViewHandle.AcquirePointer(ref start);
            Unmap();
            (_mapping, _view, _mappedRows) = (mapping, view, capacity);
            _mapped = (float*)(start + view.PointerOffset);
        }
        catch
        {
            mapping.Dispose();
            throw;
        }
    }

    private void Unmap()
    {
        if (_view is null)
        {
            return;
        }

        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _mapping!.Dispose();
        (_mapping, _view, _mappedRows) = (null, null, 0);
        _mapped = null;
    }

    private long Offset(int row) => (long)row * _dimension * sizeof(float);
}
