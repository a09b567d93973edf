# shellcheck shell=bash
# A single-node KRaft Kafka broker from Maven Central's jars (deploy/local/kafka-broker), on 127.0.0.1.
# Sourced after common.sh. Its data, config, log and PID live in STATE_DIR/kafka.

KAFKA_MODULE="$LOCAL_DIR/kafka-broker"
TOPICS_FILE="$ROOT_DIR/deploy/kafka-topics.txt"

kafka_build() {
  if [ ! -f "$KAFKA_MODULE/target/kafka-broker.jar" ] || [ ! -d "$KAFKA_MODULE/target/lib" ] \
    || [ "$KAFKA_MODULE/src/main/java/com/proign/shopify/localkafka/TopicCreator.java" -nt "$KAFKA_MODULE/target/kafka-broker.jar" ]; then
    log "building the broker's classpath (deploy/local/kafka-broker)"
    (cd "$ROOT_DIR" && "$MVNW" -q -B -pl deploy/local/kafka-broker -am package -DskipTests) >&2 \
      || die "could not build deploy/local/kafka-broker"
  fi
}

kafka_java() { java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Xms256m -Xmx768m -XX:+UseG1GC -cp "$KAFKA_MODULE/target/lib/*:$KAFKA_MODULE/target/kafka-broker.jar" "$@"; }

# Starts the broker on PORT (controller on PORT+1) unless this STATE_DIR's broker already runs; creates the topics.
kafka_start() { # STATE_DIR PORT
  local dir="$1/kafka" port=$2 controller=$(($2 + 1))
  kafka_build
  if pidfile_alive "$dir/pid"; then
    kafka_topics "127.0.0.1:$port"
    return 0
  fi
  port_open "$port" && die "port $port is taken by another process; set KAFKA_PORT or stop it"
  port_open "$controller" && die "port $controller (the controller's, KAFKA_PORT + 1) is taken by another process"
  mkdir -p "$dir/data"
  cat >"$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$dir/data
auto.create.topics.enable=false
num.partitions=3
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=10
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
# the largest record batch (deploy/kafka-topics.txt sets it per topic as well): a webhook body of 8 MiB fits
message.max.bytes=10485760
replica.fetch.max.bytes=10485760
PROPS
  if [ ! -f "$dir/data/meta.properties" ]; then
    log "formatting Kafka storage in $dir/data"
    kafka_java kafka.tools.StorageTool format --ignore-formatted \
      --cluster-id "$(kafka_java kafka.tools.StorageTool random-uuid)" \
      --config "$dir/server.properties" >>"$dir/broker.log" 2>&1 || { tail -n 20 "$dir/broker.log" >&2; die "kafka storage format failed"; }
  fi
  log "starting Kafka on 127.0.0.1:$port"
  start_process "$dir/pid" "$dir/broker.log" \
    java -Xms256m -Xmx768m -XX:+UseG1GC -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -cp "$KAFKA_MODULE/target/lib/*" kafka.Kafka "$dir/server.properties"
  local deadline=$((SECONDS + 90))
  until port_open "$port"; do
    pidfile_alive "$dir/pid" || { tail -n 40 "$dir/broker.log" >&2; die "Kafka exited during start"; }
    [ $SECONDS -lt $deadline ] || die "Kafka did not open port $port within 90s"
    sleep 0.5
  done
  kafka_topics "127.0.0.1:$port"
}

kafka_topics() { # BOOTSTRAP
  kafka_java com.proign.shopify.localkafka.TopicCreator "$1" "$TOPICS_FILE" >&2 || die "could not create the topics on $1"
}

kafka_stop() { # STATE_DIR
  stop_pidfile "$1/kafka/pid" Kafka
}
