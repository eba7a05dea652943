# expect: I4
	.include "sandbox.inc"
	invd
	END
