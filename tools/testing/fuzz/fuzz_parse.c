// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target 1: elfk_elf_parse() alone, on arbitrary bytes (ET_DYN
 * and, through the same entry point, ET_REL), then elfk_elf_release().
 *
 * The image is copied into an exactly sized heap buffer so AddressSanitizer
 * flags any read past its end; the log goes to a small buffer (sized by the
 * first input byte) so truncation is exercised too.
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const u32 log_sizes[] = { FUZZ_LOG_SIZE, 1, 16, 80 };
	struct elfk_elf elf;
	struct elfk_log log;
	char logbuf[FUZZ_LOG_SIZE];
	u32 log_size;
	u8 *image;
	int err;

	log_size = log_sizes[size ? (data[size - 1] >> 6) : 0];
	image = malloc(size ? size : 1);
	if (!image)
		return 0;
	memcpy(image, data, size);
	memset(&elf, 0, sizeof(elf));
	elfk_log_init(&log, logbuf, log_size, ELFK_LOG_LEVEL_VERBOSE);
	err = elfk_elf_parse(&elf, &elfk_arch_ops, image, size,
			     &elfk_default_limits, &log);
	fuzz_check_log(&log, logbuf, log_size);
	if (log_size == FUZZ_LOG_SIZE && !elfk_log_truncated(&log))
		fuzz_check_result(err, err ? logbuf : "");
	if (!err && !elf.rel) {
		fuzz_assert(elf.nr_segs >= 1 && elf.nr_segs <= ELFK_MAX_LOAD_SEGMENTS,
			    "nr_segs %u", elf.nr_segs);
		fuzz_assert(elf.vsize > 0 && elf.vsize <= elfk_default_limits.max_mem,
			    "vsize 0x%llx", (unsigned long long)elf.vsize);
		fuzz_assert(elf.align >= PAGE_SIZE && is_power_of_2(elf.align),
			    "align 0x%llx", (unsigned long long)elf.align);
		fuzz_assert(elf.vbase % elf.align == 0, "vbase 0x%llx",
			    (unsigned long long)elf.vbase);
		fuzz_assert(elf.nr_syms <= elfk_default_limits.max_symbols,
			    "nr_syms %u", elf.nr_syms);
	}
	if (!err)
		fuzz_assert(elf.vsize > 0 && elf.vsize <= elfk_default_limits.max_mem,
			    "vsize 0x%llx", (unsigned long long)elf.vsize);
	/* ET_REL objects hold allocations from parsing on; failed or not. */
	elfk_elf_release(&elf);
	free(image);
	return 0;
}
