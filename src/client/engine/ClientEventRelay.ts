import { EventDelivery, IEventSink } from "../../interfaces/EventSink.interface";

/**
 * An event sink that holds events in the order they were sent until `pipeTo` names
 * their destination; then it hands them over in that order and passes every later
 * event straight through. What is never piped is dropped with the relay.
 */
export class ClientEventRelay implements IEventSink {
  private readonly held: EventDelivery[] = [];
  private destination: IEventSink | null = null;

  /** Delivers through the destination once there is one, else holds the event. */
  public send = (delivery: EventDelivery): Promise<void> => {
    if (this.destination !== null) {
      return this.destination.send(delivery);
    }
    this.held.push(delivery);
    return Promise.resolve();
  };

  /**
   * Hands the held events to `destination` one after another (events sent meanwhile
   * queue behind them; walked by index, as shifting a long queue costs its length each time), then lets every later event through directly.
   */
  public pipeTo = async (destination: IEventSink) => {
    for (let index = 0; index < this.held.length; index++) {
      await destination.send(this.held[index]);
    }
    this.held.length = 0;
    this.destination = destination;
  };
}

export default ClientEventRelay;
