// SPDX-License-Identifier: GPL-2.0
/*
 * elfk-verify: the SDK's post-link check of a verified plugin
 * (Documentation/verified-plugins.rst).  Reads the window note
 * (.note.elfk.window: k and c) and the one PF_X segment of an ET_DYN
 * image and runs the kernel's verifier (arch/x86_64/verify.c, built for
 * the host) on it with the runtime's configuration (the trampoline table
 * of 128 entries, G = 1 MiB).  The kernel verifies again at LOAD: this
 * only tells the author early.
 *
 *   elfk-verify [-q] FILE      exit 0: accepted; 1: refused (the rule
 *                              line on stderr); 2: not a verified image
 */
#include <elf.h>
#include <time.h>
#include "../../../../arch/x86_64/verify.h"
#include "elfk_window.h"

int main(int argc, char **argv)
{
	struct elfk_window_image wi;
	struct elfk_verify_stats st;
	char logbuf[1024], why[256];
	struct elfk_log log;
	bool quiet = false;
	int err;

	if (argc > 1 && !strcmp(argv[1], "-q")) {
		quiet = true;
		argv++;
		argc--;
	}
	if (argc != 2) {
		fprintf(stderr, "usage: elfk-verify [-q] FILE\n");
		return 2;
	}
	if (elfk_window_read(argv[1], &wi, why, sizeof(why))) {
		fprintf(stderr, "elfk-verify: %s: %s\n", argv[1], why);
		return 2;
	}
	elfk_log_init(&log, logbuf, sizeof(logbuf), ELFK_LOG_LEVEL_ERROR);
	err = elfk_x86_verify(wi.code, wi.code_size, &wi.cfg, &st, &log);
	if (err) {
		fprintf(stderr, "elfk-verify: %s: refused (%d): %s", argv[1], err,
			logbuf);
		return 1;
	}
	if (!quiet)
		printf("elfk-verify: %s: %zu bytes of code at +0x%llx, k=%u c=%u: ",
		       argv[1], wi.code_size, (unsigned long long)wi.cfg.code_off,
		       wi.cfg.window_bits, wi.cfg.code_bits);
	if (!quiet)
		printf("%llu instructions, stack drift %llu: accepted\n",
		       (unsigned long long)st.insns, (unsigned long long)st.drift);
	free(wi.image);
	return 0;
}
