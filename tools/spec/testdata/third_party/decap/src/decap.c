/* A stand-in vendored file for spec validation tests; the extractor never compiles it. */
int decap_main(void *ctx)
{
	return 2;
}
