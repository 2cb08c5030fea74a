#!/usr/bin/env bash
# Builds Confluent Schema Registry and REST Proxy (Confluent Platform 7.9.9, the line that pairs
# with Kafka 3.9) from their sources with Maven Central alone, and packs them as one
# Confluent-style tree (bin/, etc/, share/java/...) in a tarball.
#
# The four source archives are pinned by tests/fleet/confluent-dist/SHA256SUMS. The tarball is
# cached outside the clone ($KAFKASEC_CACHE, default ~/.cache/kafkasec), keyed by those pins and
# this build's own files: with a cached tarball no source is read. Otherwise the archives are taken
# from, first found: $KAFKASEC_CONFLUENT_SRC (a directory of the four <name>-7.9.9.tar.gz),
# shared/vendor/confluent-7.9.9 beside the clone or beside one of its parent directories, or the
# public repositories archived at tag v7.9.9 - and must match the pins before anything is built.
set -euo pipefail
shopt -s inherit_errexit
LINK=""
if [ "${1:-}" = "--link" ]; then LINK=$2; fi

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../../.." && pwd)
VERSION=7.9.9
# Versions the 7.9.9 poms name that Maven Central lacks, and the ones used instead.
KAFKA_VERSION=3.9.2
JETTY_VERSION=9.4.58.v20250814
LOGREDACTOR_VERSION=1.0.19
COMPONENTS="common rest-utils schema-registry kafka-rest"
CACHE=${KAFKASEC_CACHE:-$HOME/.cache/kafkasec}
start=$(date +%s)

log() { echo "confluent-dist: $*" >&2; }
done_with() {
  if [ -n "$LINK" ]; then mkdir -p "$(dirname "$LINK")" && ln -sfn "$1" "$LINK"; fi
  echo "$1"
}

PINNED="$HERE/SHA256SUMS"
KEY=$(cat "$PINNED" "$HERE/build.sh" "$HERE/settings.xml" | sha256sum | cut -c1-16)
OUT="$CACHE/confluent-dist/$KEY"
TARBALL="$OUT/confluent-$VERSION.tgz"
if [ -f "$TARBALL" ]; then
  log "cached: $TARBALL (key $KEY)"
  done_with "$TARBALL"
  exit 0
fi

find_sources() {
  if [ -n "${KAFKASEC_CONFLUENT_SRC:-}" ]; then echo "$KAFKASEC_CONFLUENT_SRC"; return; fi
  local dir=$REPO
  while [ "$dir" != / ]; do
    dir=$(dirname "$dir")
    if [ -d "$dir/shared/vendor/confluent-$VERSION" ]; then echo "$dir/shared/vendor/confluent-$VERSION"; return; fi
  done
  # A user elsewhere: archive the public repositories at the release tag, as the vendor folder holds.
  local fetched="$CACHE/confluent-src-$VERSION"
  log "no vendored sources: archiving the public repositories at v$VERSION into $fetched"
  mkdir -p "$fetched"
  for name in $COMPONENTS; do
    [ -f "$fetched/$name-$VERSION.tar.gz" ] && continue
    rm -rf "$fetched/$name.git"
    git clone --quiet --bare --depth 1 --branch "v$VERSION" "https://github.com/confluentinc/$name.git" "$fetched/$name.git" ||
      { log "cannot clone confluentinc/$name: set KAFKASEC_CONFLUENT_SRC to a folder of the four archives"; exit 2; }
    git -C "$fetched/$name.git" archive --format=tar.gz --prefix="$name/" -o "$fetched/$name-$VERSION.tar.gz.tmp" "v$VERSION"
    mv "$fetched/$name-$VERSION.tar.gz.tmp" "$fetched/$name-$VERSION.tar.gz"
    rm -rf "$fetched/$name.git"
  done
  echo "$fetched"
}

SRC=$(find_sources)
(cd "$SRC" && sha256sum --quiet --check "$PINNED") || {
  log "the archives in $SRC are not the ones tests/fleet/confluent-dist/SHA256SUMS pins: nothing was built." \
      "Use the pinned archives (KAFKASEC_CONFLUENT_SRC), or check these and update the pins."
  exit 2
}
log "sources: $SRC (checked against the pins)"

WORK="$OUT/work"
rm -rf "$WORK" && mkdir -p "$WORK"
for name in $COMPONENTS; do tar -xzf "$SRC/$name-$VERSION.tar.gz" -C "$WORK"; done
# Every pom inherits these from common's.
sed -i -e "s|<kafka.version>$VERSION-ccs</kafka.version>|<kafka.version>$KAFKA_VERSION</kafka.version>|" \
  -e "s|<jetty.version>[^<]*</jetty.version>|<jetty.version>$JETTY_VERSION</jetty.version>|" \
  -e "s|<logredactor.version>[^<]*</logredactor.version>|<logredactor.version>$LOGREDACTOR_VERSION</logredactor.version>|" \
  "$WORK/common/pom.xml"

MVN=(mvn -B -q -s "$HERE/settings.xml"
  -Dkafka.version=$KAFKA_VERSION -Djetty.version=$JETTY_VERSION -Dlogredactor.version=$LOGREDACTOR_VERSION
  # Confluent's resolver plugin maps Kafka to a -ccs build Central does not have.
  -Dskip.maven.resolver.plugin=true -Dcustom.install.phase=none -Dcustom.deploy.phase=none
  -Dcheckstyle.skip -Dspotbugs.skip -Djacoco.skip -Dlicense.skip -Dmaven.javadoc.skip=true
  -Dmaven.source.skip=true -Ddependency-check.skip=true -Dmaven.gitcommitid.skip=true)

step() {
  local name=$1; shift
  local t=$(date +%s)
  log "mvn install $name $*"
  (cd "$WORK/$name" && "${MVN[@]}" install "$@")
  log "$name built in $(( $(date +%s) - t )) s"
}
step common -DskipTests
step rest-utils -DskipTests
# The server package, and the serializers kafka-rest depends on (not the serde-tools package,
# whose AWS SDK version Central lacks).
step schema-registry -DskipTests -am \
  -pl package-schema-registry,avro-serializer,json-serializer,json-schema-serializer,protobuf-serializer
# Its test sources call a TestUtils method only Confluent's Kafka build has: not compiled.
step kafka-rest -Dmaven.test.skip=true

TREE="$WORK/tree/confluent-$VERSION"
mkdir -p "$TREE"
for package in \
    "$WORK/common/package/target/common-package-$VERSION-package" \
    "$WORK/rest-utils/package/target/rest-utils-package-$VERSION-package" \
    "$WORK/schema-registry/package-schema-registry/target/kafka-schema-registry-package-$VERSION-package" \
    "$WORK/kafka-rest/kafka-rest/target/kafka-rest-$VERSION-package"; do
  [ -d "$package" ] || { log "expected package output $package is missing"; exit 1; }
  cp -a "$package/." "$TREE/"
done
for jar_dir in schema-registry kafka-rest-lib; do
  [ -n "$(ls "$TREE/share/java/$jar_dir"/*.jar 2>/dev/null)" ] || { log "no jars in share/java/$jar_dir"; exit 1; }
done
echo "$VERSION sources=$KEY kafka=$KAFKA_VERSION" > "$TREE/.kafkasec-build"
tar -czf "$TARBALL.tmp" -C "$WORK/tree" "confluent-$VERSION"
mv "$TARBALL.tmp" "$TARBALL"
rm -rf "$WORK"
log "built $TARBALL in $(( $(date +%s) - start )) s ($(du -h "$TARBALL" | cut -f1))"
done_with "$TARBALL"
