import { checkKinds } from '../../checks';
import { defaultExercisesDir } from '../package/package-info';
import { planGrading } from '../runner/plan';
import { loadExercises } from '../exercise/load';
import { renderMessage } from '../messages/catalog';
import { kindMessageTemplate } from './kind-messages';

describe('check messages and exercise texts in the run language', () => {
  test('a kind message in Italian, with the same data; English by default and for an unknown id', () => {
    const meta = checkKinds['network.exists']!.meta;
    expect(renderMessage('it', kindMessageTemplate(meta, 'missing', 'it')!, { name: 'my-bridge' })).toBe('Non c’è la rete my-bridge');
    expect(renderMessage('en', kindMessageTemplate(meta, 'missing', 'en')!, { name: 'my-bridge' })).toBe('There is no network my-bridge');
    expect(kindMessageTemplate(meta, 'noSuchId', 'it')).toBeUndefined();
  });

  test('a plan in Italian carries the Italian titles and hints, variables substituted; docker commands unchanged', () => {
    const catalog = loadExercises(defaultExercisesDir);
    const plan = planGrading(catalog, ['docker_hub_push', 'web_server'], { dockerhub_user: 'alice' }, 'host', 'it');
    const push = plan.exercises.find((e) => e.exercise.id === 'docker_hub_push')!;
    expect(push.exercise.title).toBe('Carica ubuntu_with_ping nel tuo repository su Docker Hub');
    expect(push.checks[0]!.title).toBe('alice/olss_2021:ubuntu_with_ping_1.0 è su Docker Hub');
    expect(push.checks[0]!.hint).toContain('docker push alice/olss_2021:ubuntu_with_ping_1.0');
    const web = plan.exercises.find((e) => e.exercise.id === 'web_server')!;
    expect(web.checks.find((c) => c.spec.id === 'image')!.hint).toBe(
      'Nella cartella con il Dockerfile e index.html, costruisci l’immagine: docker build -t web_server .   (il punto finale conta)',
    );
    // English is unchanged.
    const en = planGrading(catalog, ['web_server'], {}, 'host', 'en');
    expect(en.exercises[0]!.checks[0]!.title).toBe('Image web_server exists');
  });
});
