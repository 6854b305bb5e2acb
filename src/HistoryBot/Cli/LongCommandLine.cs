using Microsoft.ML.OnnxRuntime;

namespace HistoryBot.Cli;

/// <summary>
/// ONNX Runtime reads /proc/self/cmdline when it starts, with a stack use that grows with the command line's length:
/// a question of about 32,000 characters passed as an argument overflows even the 8 MB main-thread stack and kills the
/// process ("Internal CLR error"). When the command line is long, the runtime is started once, up front, on a thread
/// whose stack fits it; everything later reuses that instance.
/// </summary>
internal static class LongCommandLine
{
    /// <summary>Below this many characters the default stacks are ample (the crash starts near 32,000).</summary>
    internal const int Threshold = 8_000;

    public static void PrepareNativeRuntime(string[] args)
    {
        var length = args.Sum(a => (long)a.Length + 1);
        if (length < Threshold)
        {
            return;
        }

        // About 250 bytes of stack per character were needed; 1 KiB each leaves a wide margin (reserved, not committed).
        var stack = (int)Math.Clamp(length * 1024, 64L << 20, 1L << 30);
        var thread = new Thread(StartRuntime, stack) { Name = "onnxruntime-start", IsBackground = true };
        thread.Start();
        thread.Join();
    }

    private static void StartRuntime()
    {
        try
        {
            OrtEnv.Instance();
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or OnnxRuntimeException or BadImageFormatException)
        {
            // No usable native runtime: lexical commands still work, and a hybrid one reports it when it loads the model.
        }
    }
}
