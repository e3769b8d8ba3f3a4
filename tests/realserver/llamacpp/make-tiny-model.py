#!/usr/bin/env python3
"""Makes a tiny random-weight llama-architecture GGUF for checking Plateau against llama-server.

    PYTHONPATH=LLAMA_CPP/gguf-py make-tiny-model.py VOCAB.gguf OUT.gguf

The tokenizer (a real one: the 32k SentencePiece vocabulary of llama.cpp's
models/ggml-vocab-llama-spm.gguf, which holds no tensors) is copied from VOCAB.gguf; the weights
are random (seeded: the same file every time), so the text is gibberish. What matters here is the
protocols and the timing, not the words: with 4 layers of width 256 a token takes a few ms on one
core, so a sweep of a few seconds per level gives hundreds of tokens per level. A ChatML template
goes into the metadata so /v1/chat/completions, /v1/messages and /v1/responses all format the
same prompt the same way.
"""
import sys

import numpy as np
import gguf

N_EMBD = 256
N_LAYER = 4
N_HEAD = 4
N_FF = 768
N_CTX = 4096
SEED = 14

CHATML = (
    "{% for message in messages %}"
    "{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}"
)


def copy_tokenizer(reader: gguf.GGUFReader, writer: gguf.GGUFWriter) -> int:
    """Copies every tokenizer.* field; returns the vocabulary size."""
    vocab_size = 0
    for field in reader.fields.values():
        if not field.name.startswith("tokenizer."):
            continue
        value_type = field.types[0]
        sub_type = field.types[-1] if value_type == gguf.GGUFValueType.ARRAY else None
        value = field.contents()
        writer.add_key_value(field.name, value, value_type, sub_type=sub_type)
        if field.name == gguf.Keys.Tokenizer.LIST:
            vocab_size = len(value)
    if vocab_size == 0:
        sys.exit(f"{reader.data.filename}: no tokenizer.ggml.tokens")
    return vocab_size


def add_weights(writer: gguf.GGUFWriter, vocab_size: int) -> None:
    rng = np.random.default_rng(SEED)

    def matrix(rows: int, cols: int) -> np.ndarray:
        # Scaled so activations stay of order 1 through the layers (no inf/nan in f16).
        return (rng.standard_normal((rows, cols), dtype=np.float32) / np.sqrt(cols)).astype(
            np.float16
        )

    ones = np.ones(N_EMBD, dtype=np.float32)
    writer.add_tensor("token_embd.weight", matrix(vocab_size, N_EMBD))
    for layer in range(N_LAYER):
        block = f"blk.{layer}"
        writer.add_tensor(f"{block}.attn_norm.weight", ones)
        writer.add_tensor(f"{block}.attn_q.weight", matrix(N_EMBD, N_EMBD))
        writer.add_tensor(f"{block}.attn_k.weight", matrix(N_EMBD, N_EMBD))
        writer.add_tensor(f"{block}.attn_v.weight", matrix(N_EMBD, N_EMBD))
        writer.add_tensor(f"{block}.attn_output.weight", matrix(N_EMBD, N_EMBD))
        writer.add_tensor(f"{block}.ffn_norm.weight", ones)
        writer.add_tensor(f"{block}.ffn_gate.weight", matrix(N_FF, N_EMBD))
        writer.add_tensor(f"{block}.ffn_up.weight", matrix(N_FF, N_EMBD))
        writer.add_tensor(f"{block}.ffn_down.weight", matrix(N_EMBD, N_FF))
    writer.add_tensor("output_norm.weight", ones)
    writer.add_tensor("output.weight", matrix(vocab_size, N_EMBD))


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    vocab_path, out_path = sys.argv[1], sys.argv[2]
    reader = gguf.GGUFReader(vocab_path)
    writer = gguf.GGUFWriter(out_path, "llama")
    writer.add_name("plateau-tiny-random")
    writer.add_context_length(N_CTX)
    writer.add_embedding_length(N_EMBD)
    writer.add_block_count(N_LAYER)
    writer.add_feed_forward_length(N_FF)
    writer.add_head_count(N_HEAD)
    writer.add_head_count_kv(N_HEAD)
    writer.add_rope_dimension_count(N_EMBD // N_HEAD)
    writer.add_layer_norm_rms_eps(1e-5)
    writer.add_file_type(gguf.LlamaFileType.MOSTLY_F16)
    vocab_size = copy_tokenizer(reader, writer)
    writer.add_vocab_size(vocab_size)
    writer.add_chat_template(CHATML)
    add_weights(writer, vocab_size)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    print(f"{out_path}: llama, {N_LAYER} layers x {N_EMBD}, vocabulary {vocab_size}, random weights")


if __name__ == "__main__":
    main()
