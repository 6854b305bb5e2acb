using System.Text;

namespace HistoryBot.Training.CrossEncoder;

/// <summary>
/// The float weights of an ONNX model, read straight from its protobuf bytes: each initializer by name, and each
/// <c>MatMul</c> node's weight by the node's output name (the exporter names the weights <c>onnx::MatMul_N</c>, so the
/// layer a weight belongs to is known only from the node that uses it). Written by hand because no package served here
/// reads ONNX graphs from .NET (ONNX Runtime runs a model but does not expose its initializers); only the few fields
/// needed are decoded, and <see cref="Offset"/> gives where each tensor's raw bytes sit, so fine-tuned weights of the
/// same shape can be written back in place.
/// </summary>
internal sealed class OnnxWeights
{
    private readonly Dictionary<string, (int[] Dims, int Offset, int Length)> _tensors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _matMulWeights = new(StringComparer.Ordinal);

    public OnnxWeights(byte[] model)
    {
        Model = model;
        foreach (var (field, start, length) in Fields(model, 0, model.Length))
        {
            if (field == 7)
            {
                ReadGraph(start, length);
            }
        }
    }

    public byte[] Model { get; }

    public IEnumerable<string> Names => _tensors.Keys;

    /// <summary>The initializer <paramref name="name"/> as floats (row-major) and its shape.</summary>
    public (float[] Values, int[] Dims) Tensor(string name)
    {
        var (dims, offset, length) = _tensors.TryGetValue(name, out var tensor) ? tensor : throw new KeyNotFoundException($"no initializer {name}");
        var values = new float[length / sizeof(float)];
        Buffer.BlockCopy(Model, offset, values, 0, length);
        return (values, dims);
    }

    /// <summary>The weight of the <c>MatMul</c> node whose output is <paramref name="output"/>, as stored ([in, out]).</summary>
    public float[] MatMulWeight(string output) =>
        Tensor(_matMulWeights.TryGetValue(output, out var name) ? name : throw new KeyNotFoundException($"no MatMul node gives {output}")).Values;

    /// <summary>Where the raw float bytes of initializer <paramref name="name"/> start in <see cref="Model"/>.</summary>
    public int Offset(string name) => _tensors[name].Offset;

    private void ReadGraph(int start, int length)
    {
        foreach (var (field, at, size) in Fields(Model, start, length))
        {
            if (field == 1)
            {
                ReadNode(at, size);
            }
            else if (field == 5)
            {
                ReadTensor(at, size);
            }
        }
    }

    private void ReadNode(int start, int length)
    {
        var inputs = new List<string>();
        var outputs = new List<string>();
        var op = "";
        foreach (var (field, at, size) in Fields(Model, start, length))
        {
            switch (field)
            {
                case 1: inputs.Add(Encoding.UTF8.GetString(Model, at, size)); break;
                case 2: outputs.Add(Encoding.UTF8.GetString(Model, at, size)); break;
                case 4: op = Encoding.UTF8.GetString(Model, at, size); break;
            }
        }

        if (op == "MatMul" && inputs.Count == 2 && outputs.Count == 1)
        {
            _matMulWeights[outputs[0]] = inputs[1];
        }
    }

    private void ReadTensor(int start, int length)
    {
        var dims = new List<int>();
        string? name = null;
        var type = 0;
        (int Offset, int Length)? raw = null;
        foreach (var (field, at, size) in Fields(Model, start, length))
        {
            switch (field)
            {
                case 1 when size < 0: dims.Add(-size - 1); break;
                case 1:
                    for (var p = at; p < at + size;)
                    {
                        dims.Add((int)ReadVarint(Model, ref p));
                    }

                    break;
                case 2 when size < 0: type = -size - 1; break;
                case 8: name = Encoding.UTF8.GetString(Model, at, size); break;
                case 9: raw = (at, size); break;
            }
        }

        // Only float tensors with raw data (data type 1): what a PyTorch export writes for weights.
        if (name is not null && type == 1 && raw is { } bytes)
        {
            _tensors[name] = ([.. dims], bytes.Offset, bytes.Length);
        }
    }

    /// <summary>
    /// The fields of one message: length-delimited ones as (field, start, length); varints as (field, 0, -(value + 1)),
    /// which is enough for the small non-negative values read here. Fixed-width fields are skipped.
    /// </summary>
    private static IEnumerable<(int Field, int Start, int Length)> Fields(byte[] data, int start, int length)
    {
        var p = start;
        var end = start + length;
        while (p < end)
        {
            var key = ReadVarint(data, ref p);
            var field = (int)(key >> 3);
            switch (key & 7)
            {
                case 0:
                    var value = ReadVarint(data, ref p);
                    yield return (field, 0, -(int)Math.Min(value + 1, int.MaxValue));
                    break;
                case 1: p += 8; break;
                case 2:
                    var size = (int)ReadVarint(data, ref p);
                    yield return (field, p, size);
                    p += size;
                    break;
                case 5: p += 4; break;
                default: throw new InvalidDataException($"unsupported protobuf wire type {key & 7}");
            }
        }
    }

    private static ulong ReadVarint(byte[] data, ref int p)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = data[p++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }
}
