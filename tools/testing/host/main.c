// SPDX-License-Identifier: GPL-2.0
/* Host unit tests of the portable core: runs every group, prints TAP. */
#include <stdlib.h>

#include "tap.h"
#include "tests.h"

int tap_failed, tap_count;

int main(void)
{
	test_log();
	test_hash();
	test_fixture_cases();
	test_fixture_valid();
	test_fixture_exec();
	test_branch_targets();
	test_fixture_tls();
	test_dep_tls();
	test_fixture_ifunc();
	test_plugins(getenv("ELFK_PLUGINS"));
	test_dlopen(getenv("ELFK_PLUGINS"), getenv("ELFK_REL_FIXTURES"));
	test_rellink(getenv("ELFK_PLUGINS"));
	test_rel(getenv("ELFK_REL_FIXTURES"));
	test_rel_tls();
	test_rel_ifunc_fixture();
	test_rel_arch_sections();
	test_arch_stub();
	test_arch_pairs();
	test_arch_formats();
	test_bind(getenv("ELFK_PLUGINS"));
	test_in_place();
	test_fmap(getenv("ELFK_PLUGINS"));
	test_symcheck();
	printf("1..%d\n", tap_count);
	printf("# %d passed, %d failed\n", tap_count - tap_failed, tap_failed);
	return tap_failed ? 1 : 0;
}
