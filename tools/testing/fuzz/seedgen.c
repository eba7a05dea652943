// SPDX-License-Identifier: GPL-2.0
/*
 * Seeds from the fixture (kunit/elf_fixture.c): every row of the defect
 * table, the rows that load included, plus fixture-noinit.elf, the valid
 * fixture with its DT_INIT_ARRAY turned into DT_DEBUG entries so that no
 * code runs when it is loaded (a safe seed for the guest mutation loop).
 *
 *   seedgen OUTDIR     writes OUTDIR/fixture-<case>.elf, OUTDIR/fixture-noinit.elf
 */
#include <stdio.h>
#include <string.h>

#include "../../../kunit/elf_fixture.h"

static int write_file(const char *dir, const char *name, const void *buf,
		      size_t size)
{
	char path[4096];
	FILE *out;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	out = fopen(path, "wb");
	if (!out || fwrite(buf, 1, size, out) != size || fclose(out)) {
		perror(path);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	static struct elfk_fixture f;
	char name[256];
	unsigned int i;

	if (argc != 2) {
		fprintf(stderr, "usage: %s OUTDIR\n", argv[0]);
		return 2;
	}
	for (i = 0; i < elfk_fixture_nr_cases; i++) {
		const struct elfk_fixture_case *c = &elfk_fixture_cases[i];

		elfk_fixture_build(&f);
		c->mutate(&f);
		snprintf(name, sizeof(name), "fixture-%s.elf", c->name);
		if (write_file(argv[1], name, f.buf, f.size))
			return 1;
	}
	elfk_fixture_build(&f);
	elfk_fixture_dyn(&f, DT_INIT_ARRAY)->d_tag = DT_DEBUG;
	elfk_fixture_dyn(&f, DT_INIT_ARRAYSZ)->d_tag = DT_DEBUG;
	if (write_file(argv[1], "fixture-noinit.elf", f.buf, f.size))
		return 1;
	printf("%u fixture seeds written to %s\n", i + 1, argv[1]);
	return 0;
}
