import { iot, mqtt } from 'aws-iot-device-sdk-v2';

/**
 * One device's MQTT connection, made with the official device SDK exactly as a student's device would:
 * MQTT 3.1.1 over mutual TLS, hostname verification on, the endpoint's CA (the lab CA offline, Amazon
 * Root CA 1 in AWS mode).
 */
export interface DeviceEndpoint {
  host: string;
  port: number;
  caPem: string;
}

export interface DeviceIdentity {
  clientId: string;
  certificatePem: string;
  privateKeyPem: string;
}

export interface DeviceConnection {
  clientId: string;
  /** Resolves on PUBACK for QoS 1 (on write for QoS 0). */
  publish(topic: string, payload: string | Buffer, qos: 0 | 1): Promise<void>;
  /** Calls `onMessage` for each message received on `filter`. */
  subscribe(
    filter: string,
    qos: 0 | 1,
    onMessage: (topic: string, payload: Buffer, delivery: { qos: 0 | 1; retain: boolean }) => void,
  ): Promise<void>;
  /** Resolves on UNSUBACK; the connection stays open. */
  unsubscribe(filter: string): Promise<void>;
  onInterrupted(listener: (error: Error) => void): void;
  disconnect(): Promise<void>;
}

export async function connectDevice(
  endpoint: DeviceEndpoint,
  device: DeviceIdentity,
  options: {
    cleanSession?: boolean;
    keepAliveSeconds?: number;
    /** Receives every message, from the first instant: a resumed session delivers right after the CONNACK. */
    onMessage?: (topic: string, payload: Buffer) => void;
  } = {},
): Promise<DeviceConnection> {
  const config = iot.AwsIotMqttConnectionConfigBuilder.new_mtls_builder(
    device.certificatePem,
    device.privateKeyPem,
  )
    .with_certificate_authority(endpoint.caPem)
    .with_endpoint(endpoint.host)
    .with_port(endpoint.port)
    .with_client_id(device.clientId)
    // The lab's stations keep their session between connections (clean_session=False in its script).
    .with_clean_session(options.cleanSession ?? false)
    .with_keep_alive_seconds(options.keepAliveSeconds ?? 30)
    .build();
  return openDeviceConnection(config, device.clientId, options.onMessage);
}

/**
 * A connection of the device SDK from its built configuration (mutual TLS here, WebSocket + SigV4 for
 * the MQTT test client in AWS mode), as the lab's DeviceConnection.
 */
export async function openDeviceConnection(
  config: mqtt.MqttConnectionConfig,
  clientId: string,
  onMessage?: (topic: string, payload: Buffer) => void,
): Promise<DeviceConnection> {
  const client = new mqtt.MqttClient();
  const connection = client.new_connection(config);
  // The SDK emits 'error' for failures it also rejects with; a listener keeps them from being thrown twice.
  connection.on('error', () => undefined);
  if (onMessage) connection.on('message', (topic, payload) => onMessage(topic, Buffer.from(payload)));
  await connection.connect();
  return {
    clientId,
    async publish(topic, payload, qos) {
      await connection.publish(topic, payload, qos === 1 ? mqtt.QoS.AtLeastOnce : mqtt.QoS.AtMostOnce);
    },
    async subscribe(filter, qos, onMessage) {
      await connection.subscribe(
        filter,
        qos === 1 ? mqtt.QoS.AtLeastOnce : mqtt.QoS.AtMostOnce,
        (topic, payload, _dup, deliveredQos, retain) =>
          onMessage(topic, Buffer.from(payload), {
            qos: deliveredQos === mqtt.QoS.AtMostOnce ? 0 : 1,
            retain,
          }),
      );
    },
    async unsubscribe(filter) {
      await connection.unsubscribe(filter);
    },
    onInterrupted(listener) {
      connection.on('interrupt', (error) => listener(new Error(String(error))));
    },
    async disconnect() {
      await connection.disconnect();
    },
  };
}
